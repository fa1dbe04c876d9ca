"use client";

import Link from "next/link";
import { useId, useState, type FormEvent } from "react";
import { authClient } from "@/lib/auth-client";
import { describeAuthError } from "../auth-errors";
import { fieldValue, FormField } from "../form-field";
import { FormError, SubmitButton } from "../form-parts";

export interface ForgotPasswordFormProps {
  /** How long the link works, in words ("1 hour"). */
  validFor: string;
}

/** Asks for the address; the answer is the same whether or not it has an account. */
export function ForgotPasswordForm({ validFor }: ForgotPasswordFormProps) {
  const id = useId();
  const [pending, setPending] = useState(false);
  const [emailError, setEmailError] = useState<string | null>(null);
  const [formError, setFormError] = useState<string | null>(null);
  const [sentTo, setSentTo] = useState<string | null>(null);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const email = fieldValue(event.currentTarget, "email").trim();
    setFormError(null);
    setEmailError(email === "" ? "Enter your email address." : /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email) ? null : "Enter a valid email address.");
    if (email === "" || !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email)) return;
    setPending(true);
    try {
      let retryAfter: number | null = null;
      const { error } = await authClient.requestPasswordReset({
        email,
        fetchOptions: { onError: ({ response }: { response: Response }) => void (retryAfter = Number(response.headers.get("retry-after")) || null) },
      });
      if (error) setFormError(describeAuthError(error, retryAfter));
      else setSentTo(email);
    } catch {
      setFormError("Could not reach the server. Check your connection and try again.");
    } finally {
      setPending(false);
    }
  }

  if (sentTo) {
    return (
      <div role="status" className="space-y-3">
        <p>
          If <strong>{sentTo}</strong> has an account, a link to choose a new password is on its way. It works once, for {validFor}.
        </p>
        <p className="text-sm text-slate-600 dark:text-slate-400">No mail after a few minutes? Check the spam folder, or make sure you typed the address you signed up with.</p>
        <button type="button" onClick={() => setSentTo(null)} className="text-sm font-medium text-blue-600 hover:underline dark:text-blue-400">
          Send to another address
        </button>
      </div>
    );
  }

  return (
    <form method="post" noValidate onSubmit={onSubmit} className="space-y-4" aria-describedby={formError ? `${id}-error` : undefined}>
      <FormField label="Email" name="email" type="email" autoComplete="email" error={emailError} />
      <FormError id={`${id}-error`}>{formError}</FormError>
      <SubmitButton pending={pending} pendingText="Sending…">
        Send reset link
      </SubmitButton>
      <p className="text-sm text-slate-600 dark:text-slate-400">
        Remembered it?{" "}
        <Link href="/sign-in" className="font-medium text-blue-600 hover:underline dark:text-blue-400">
          Sign in
        </Link>
      </p>
    </form>
  );
}
