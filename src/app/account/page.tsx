import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { AccountPage } from "@/components/account/account-page";
import { getPasswordRules, getSessionUser } from "@/server/session";

export const metadata: Metadata = { title: "Account · Tasks" };

/** Name, password, sessions and account deletion, all through Better Auth's endpoints. */
export default async function Account() {
  const user = await getSessionUser();
  if (!user) redirect("/sign-in");
  return <AccountPage user={user} passwordRules={getPasswordRules()} />;
}
