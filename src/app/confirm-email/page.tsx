import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { ConfirmEmailRequired } from "@/components/email/confirm-email-required";
import { durationText } from "@/server/mail/messages";
import { getEmailVerification, getSessionUser } from "@/server/session";

export const metadata: Metadata = { title: "Confirm your email address · Tasks" };

/**
 * EMAIL_VERIFICATION=required, signed in, address not confirmed: what to do (the task page sends such a
 * session here, as it gets no token). Anyone else goes where they belong.
 */
export default async function ConfirmEmailPage() {
  const user = await getSessionUser();
  if (!user) redirect("/sign-in");
  const verification = getEmailVerification();
  if (user.emailVerified || verification.mode !== "required") redirect("/");
  return <ConfirmEmailRequired email={user.email} validFor={durationText(verification.ttlSeconds)} />;
}
