import type { Metadata } from "next";
import Link from "next/link";
import { connection } from "next/server";
import { ResetPasswordForm } from "@/components/password-reset/reset-password-form";
import { resetLinkUser } from "@/server/reset-link";
import { getApp } from "@/server/server";

// The token is in this page's address: no Referer carries it anywhere.
export const metadata: Metadata = { title: "Choose a new password · Tasks", referrer: "no-referrer" };

/** A reset link's page: the new-password form while the link is valid, else a clear dead end with a way on. */
export default async function ResetPasswordPage({ searchParams }: { searchParams: Promise<{ token?: string | string[] }> }) {
  await connection();
  const { token } = await searchParams;
  const app = getApp();
  const user = typeof token === "string" ? await resetLinkUser((await app.auth.$context).internalAdapter, token) : null;
  return (
    <main className="mx-auto flex min-h-screen max-w-sm flex-col justify-center px-4 py-12">
      <h1 className="mb-4 text-2xl font-semibold">{user ? "Choose a new password" : "This link no longer works"}</h1>
      {user && typeof token === "string" ? (
        <ResetPasswordForm token={token} email={user.email} passwordRules={app.config.password} />
      ) : (
        <div className="space-y-3">
          <p>A reset link works once, and for a limited time: this one has expired, was already used, or was copied incompletely.</p>
          <Link href="/forgot-password" className="font-medium text-blue-600 hover:underline dark:text-blue-400">
            Ask for a new link
          </Link>
        </div>
      )}
    </main>
  );
}
