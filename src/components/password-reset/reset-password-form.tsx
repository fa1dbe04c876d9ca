"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { useId, useState, type FormEvent } from "react";
import { accessTokens } from "@/lib/access-token";
import { authClient } from "@/lib/auth-client";
import { describeAuthError } from "../auth-errors";
import { fieldValue, FormField } from "../form-field";
import { FormError, SubmitButton } from "../form-parts";

export interface ResetPasswordFormProps {
  token: string;
  /** The account's address: shown, and used to sign in with the new password. */
  email: string;
  passwordRules: { minLength: number; maxLength: number };
}

/** A new password for the link's account; then signed in with it (every other session has ended). */
export function ResetPasswordForm({ token, email, passwordRules }: ResetPasswordFormProps) {
  const id = useId();
  const router = useRouter();
  const [pending, setPending] = useState(false);
  const [errors, setErrors] = useState<{ password?: string; confirm?: string }>({});
  const [formError, setFormError] = useState<{ text: string; linkGone: boolean } | null>(null);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = event.currentTarget;
    const password = fieldValue(form, "password");
    const confirm = fieldValue(form, "confirm");
    const found: typeof errors = {};
    if (password.length < passwordRules.minLength) found.password = `Use at least ${passwordRules.minLength} characters.`;
    else if (password.length > passwordRules.maxLength) found.password = `Use at most ${passwordRules.maxLength} characters.`;
    if (confirm !== password) found.confirm = "The two passwords differ.";
    setErrors(found);
    setFormError(null);
    if (Object.keys(found).length > 0) return;
    setPending(true);
    try {
      let retryAfter: number | null = null;
      const { error } = await authClient.resetPassword({
        newPassword: password,
        token,
        fetchOptions: { onError: ({ response }: { response: Response }) => void (retryAfter = Number(response.headers.get("retry-after")) || null) },
      });
      if (error) {
        const linkGone = error.code === "INVALID_TOKEN";
        setFormError({ text: linkGone ? "This link has expired or was already used." : describeAuthError(error, retryAfter), linkGone });
        return;
      }
      accessTokens.clear();
      const signedIn = await authClient.signIn.email({ email, password });
      // A second step (two-factor) or a refusal: the sign-in page takes it from here.
      router.replace(signedIn.error || !signedIn.data || "twoFactorRedirect" in signedIn.data ? "/sign-in?reset=1" : "/");
    } catch {
      setFormError({ text: "Could not reach the server. Check your connection and try again.", linkGone: false });
    } finally {
      setPending(false);
    }
  }

  return (
    <form method="post" noValidate onSubmit={onSubmit} className="space-y-4" aria-describedby={formError ? `${id}-error` : undefined}>
      <p className="text-sm text-slate-600 dark:text-slate-400">
        For <strong>{email}</strong>. {passwordRules.minLength} to {passwordRules.maxLength} characters; a few unrelated words make a strong one. Every
        device signed in to this account is signed out.
      </p>
      <FormField label="New password" name="password" type="password" autoComplete="new-password" error={errors.password} />
      <FormField label="New password again" name="confirm" type="password" autoComplete="new-password" error={errors.confirm} />
      <FormError id={`${id}-error`}>
        {formError && (
          <>
            {formError.text}{" "}
            {formError.linkGone && (
              <Link href="/forgot-password" className="font-medium underline">
                Ask for a new link
              </Link>
            )}
          </>
        )}
      </FormError>
      <SubmitButton pending={pending} pendingText="Saving…">
        Set new password
      </SubmitButton>
    </form>
  );
}
