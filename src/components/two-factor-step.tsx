"use client";

import { useState, type FormEvent } from "react";
import { authClient } from "@/lib/auth-client";
import { waitText } from "./auth-errors";
import { fieldValue, FormField } from "./form-field";
import { SubmitButton } from "./form-parts";

export interface TwoFactorStepProps {
  /** How long "trust this device" lasts. */
  trustDeviceDays: number;
  /** Signed in: the caller goes on to the app. */
  onDone: () => void;
  /** The sign-in has to start over (it expired, or too many wrong codes): back to the password. */
  onRestart: (message: string) => void;
}

/** What Better Auth's two-factor errors mean to the person typing the code. */
function describe(code: string | undefined, message: string | undefined, backup: boolean): { text: string; restart: boolean } {
  if (code === "TOO_MANY_ATTEMPTS_REQUEST_NEW_CODE") return { text: "Too many wrong codes: sign in again with your password.", restart: true };
  if (code === "INVALID_TWO_FACTOR_COOKIE") return { text: "This sign-in took too long: sign in again with your password.", restart: true };
  if (message?.includes("used already")) return { text: "That code was used already: wait for the next one.", restart: false };
  return {
    text: backup ? "That backup code is not right, or was used already." : "That code is not right. Codes change every 30 seconds: type the one shown now.",
    restart: false,
  };
}

/** The second step of a sign-in with two-factor on: the authenticator's code, or a backup code. */
export function TwoFactorStep({ trustDeviceDays, onDone, onRestart }: TwoFactorStepProps) {
  const [backup, setBackup] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = event.currentTarget;
    const code = fieldValue(form, "code").replace(/\s+/g, "");
    if (!backup && !/^\d{6}$/.test(code)) return setError("Enter the 6 digits your authenticator app shows.");
    if (backup && code === "") return setError("Enter one of your backup codes.");
    setError(null);
    setPending(true);
    try {
      let retryAfter: number | null = null;
      const { error: failure } = await authClient.$fetch<{ token: string }>(backup ? "/two-factor/verify-backup-code" : "/two-factor/verify-totp", {
        method: "POST",
        body: { code, trustDevice: new FormData(form).has("trustDevice") },
        onError: ({ response }: { response: Response }) => void (retryAfter = Number(response.headers.get("retry-after")) || null),
      });
      if (!failure) return onDone();
      if (failure.status === 429) return setError(`Too many attempts. Try again in ${waitText(retryAfter)}.`);
      const { text, restart } = describe((failure as { code?: string }).code, failure.message, backup);
      if (restart) onRestart(text);
      else setError(text);
    } catch {
      setError("Could not reach the server. Check your connection and try again.");
    } finally {
      setPending(false);
    }
  }

  return (
    <form method="post" noValidate onSubmit={onSubmit} className="space-y-4">
      <p className="text-sm text-slate-600 dark:text-slate-400">
        {backup ? "Type one of the backup codes you saved when you turned two-factor sign-in on. Each works once." : "Open your authenticator app and type the 6-digit code it shows for Tasks."}
      </p>
      <FormField
        key={backup ? "backup" : "totp"}
        label={backup ? "Backup code" : "Authentication code"}
        name="code"
        autoComplete="one-time-code"
        inputMode={backup ? "text" : "numeric"}
        maxLength={backup ? 32 : 8}
        autoFocus
        error={error}
      />
      <label className="flex items-center gap-2 text-sm">
        <input type="checkbox" name="trustDevice" className="h-4 w-4" />
        Trust this device for {trustDeviceDays} days
      </label>
      <SubmitButton pending={pending} pendingText="Checking…">
        Verify
      </SubmitButton>
      <p className="text-sm">
        <button
          type="button"
          onClick={() => {
            setBackup(!backup);
            setError(null);
          }}
          className="font-medium text-blue-600 hover:underline dark:text-blue-400"
        >
          {backup ? "Use the authenticator app instead" : "Use a backup code instead"}
        </button>
      </p>
    </form>
  );
}
