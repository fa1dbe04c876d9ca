"use client";

import { useState } from "react";
import { accessTokens } from "@/lib/access-token";
import { authClient } from "@/lib/auth-client";
import { ResendVerification } from "./resend-verification";

/** EMAIL_VERIFICATION=required, address not confirmed: what to do, instead of the task list. */
export function ConfirmEmailRequired({ email, validFor }: { email: string; validFor: string }) {
  const [signingOut, setSigningOut] = useState(false);
  async function signOut() {
    setSigningOut(true);
    await authClient.signOut().catch(() => undefined);
    accessTokens.clear();
    // A full navigation, as the task page's sign-out does: nothing of this session stays in memory.
    // eslint-disable-next-line @next/next/no-location-assign-relative-destination
    window.location.assign("/sign-in");
  }
  return (
    <main className="mx-auto flex min-h-screen max-w-md flex-col justify-center gap-4 px-4 py-12">
      <h1 className="text-2xl font-semibold">Confirm your email address</h1>
      <p>
        We sent a link to <strong>{email}</strong>. Open it to start using your tasks: until then this server does not let the account use the app or
        its API. The link works for {validFor}.
      </p>
      <p className="text-sm text-slate-600 dark:text-slate-400">
        No mail? Check the spam folder, or <ResendVerification email={email} />
      </p>
      <p className="text-sm text-slate-600 dark:text-slate-400">
        Wrong address?{" "}
        <button type="button" onClick={signOut} disabled={signingOut} className="font-medium text-blue-700 underline hover:no-underline dark:text-blue-300">
          {signingOut ? "Signing out…" : "Sign out"}
        </button>{" "}
        and create the account again with the right one.
      </p>
    </main>
  );
}
