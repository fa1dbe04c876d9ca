import type { Metadata } from "next";
import { connection } from "next/server";
import { ForgotPasswordForm } from "@/components/password-reset/forgot-password-form";
import { durationText } from "@/server/mail/messages";
import { getApp } from "@/server/server";

export const metadata: Metadata = { title: "Forgot password · Tasks" };

/** Asks for a reset link by mail, or says why this server cannot send one. */
export default async function ForgotPasswordPage() {
  await connection(); // rendered per request: the app (and its configuration) is built at run time, not by `next build`
  const { mailer, config } = getApp();
  return (
    <main className="mx-auto flex min-h-screen max-w-sm flex-col justify-center px-4 py-12">
      <h1 className="mb-2 text-2xl font-semibold">Forgot your password?</h1>
      {mailer.available ? (
        <>
          <p className="mb-6 text-slate-600 dark:text-slate-400">Enter the address you signed up with and we will mail you a link to choose a new one.</p>
          <ForgotPasswordForm validFor={durationText(config.passwordReset.ttlSeconds)} />
        </>
      ) : (
        <MailUnavailable />
      )}
    </main>
  );
}

/** Production without SMTP_URL: say so, rather than pretend to send. */
function MailUnavailable() {
  return (
    <div className="space-y-3">
      <p role="status">Password reset by email is not available on this server: it has no way to send mail.</p>
      <p className="text-sm text-slate-600 dark:text-slate-400">
        Ask whoever runs it to set <code>SMTP_URL</code> (see the README), or sign in on a device that is still signed in and change the password on the
        account page.
      </p>
      <a href="/sign-in" className="text-sm font-medium text-blue-600 hover:underline dark:text-blue-400">
        Back to sign in
      </a>
    </div>
  );
}
