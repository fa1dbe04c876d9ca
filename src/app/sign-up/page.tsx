import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { AuthForm } from "@/components/auth-form";
import { getPasswordRules, getSessionUser } from "@/server/session";

export const metadata: Metadata = { title: "Create account · Tasks" };

export default async function SignUpPage() {
  if (await getSessionUser()) redirect("/");
  return <AuthForm mode="sign-up" passwordRules={getPasswordRules()} />;
}
