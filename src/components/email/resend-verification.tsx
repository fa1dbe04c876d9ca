"use client";

import { useState } from "react";
import { authClient } from "@/lib/auth-client";
import { useHydrated } from "@/lib/use-hydrated";
import { describeAuthError } from "../auth-errors";

/** "Send a new link" for the signed-in user's unconfirmed address, with what happened in words. */
export function ResendVerification({ email, className = "" }: { email: string; className?: string }) {
  const hydrated = useHydrated();
  const [state, setState] = useState<{ pending: boolean; message: string | null; failed: boolean }>({ pending: false, message: null, failed: false });

  async function resend() {
    setState({ pending: true, message: null, failed: false });
    let retryAfter: number | null = null;
    try {
      const { error } = await authClient.sendVerificationEmail({
        email,
        fetchOptions: { onError: ({ response }: { response: Response }) => void (retryAfter = Number(response.headers.get("retry-after")) || null) },
      });
      setState(
        error
          ? { pending: false, message: describeAuthError(error, retryAfter), failed: true }
          : { pending: false, message: `A new link is on its way to ${email}. It can take a minute: check the spam folder too.`, failed: false },
      );
    } catch {
      setState({ pending: false, message: "Could not reach the server. Check your connection and try again.", failed: true });
    }
  }

  return (
    <span className={className}>
      <button
        type="button"
        onClick={resend}
        disabled={state.pending || !hydrated}
        className="font-medium text-blue-700 underline hover:no-underline disabled:opacity-60 dark:text-blue-300"
      >
        {state.pending ? "Sending…" : "Send a new link"}
      </button>
      <span role={state.failed ? "alert" : "status"} className="ml-2 empty:hidden">
        {state.message}
      </span>
    </span>
  );
}
