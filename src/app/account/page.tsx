import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { AccountPage } from "@/components/account/account-page";
import { getApp } from "@/server/server";
import { getPasswordRules, getSessionUser } from "@/server/session";

export const metadata: Metadata = { title: "Account · Tasks" };

/** Name, email, password, two-factor sign-in, sessions and account deletion, all through Better Auth's endpoints. */
export default async function Account() {
  const user = await getSessionUser();
  if (!user) redirect("/sign-in");
  const { mailer, config } = getApp();
  return <AccountPage user={user} passwordRules={getPasswordRules()} mail={{ available: mailer.available, verification: config.emailVerification.mode }} />;
}
