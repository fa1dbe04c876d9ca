import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { AuthForm } from "@/components/auth-form";
import { getApp } from "@/server/server";
import { getPasswordRules, getSessionUser } from "@/server/session";

export const metadata: Metadata = { title: "Sign in · Tasks" };

export default async function SignInPage({ searchParams }: { searchParams: Promise<{ reset?: string }> }) {
  if (await getSessionUser()) redirect("/");
  const { reset } = await searchParams;
  return (
    <AuthForm
      mode="sign-in"
      passwordRules={getPasswordRules()}
      trustDeviceDays={getApp().config.twoFactor.trustDeviceDays}
      notice={reset === "1" ? "Your password was changed. Sign in with the new one." : undefined}
    />
  );
}
