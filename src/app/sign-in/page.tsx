import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { AuthForm } from "@/components/auth-form";
import { getPasswordRules, getSessionUser } from "@/server/session";

export const metadata: Metadata = { title: "Sign in · Tasks" };

export default async function SignInPage() {
  if (await getSessionUser()) redirect("/");
  return <AuthForm mode="sign-in" passwordRules={getPasswordRules()} />;
}
