import type { Metadata } from "next";
import Link from "next/link";
import { ResendVerification } from "@/components/email/resend-verification";
import { getSessionUser } from "@/server/session";

export const metadata: Metadata = { title: "Email address · Tasks" };

/** What Better Auth's `verify-email` errors mean to the person who clicked the link. */
const PROBLEMS: Record<string, string> = {
  TOKEN_EXPIRED: "This link has expired.",
  INVALID_TOKEN: "This link is not valid: it may have been copied incompletely, or replaced by a newer one.",
  USER_NOT_FOUND: "The account this link was for no longer exists.",
  INVALID_USER: "This link is for another account than the one signed in here.",
};

/** Where a verification link ends: confirmed, or why not and what to do next. */
export default async function EmailVerifiedPage({ searchParams }: { searchParams: Promise<{ error?: string }> }) {
  const user = await getSessionUser();
  const { error } = await searchParams;
  const linkClass = "font-medium text-blue-600 hover:underline dark:text-blue-400";
  return (
    <main className="mx-auto flex min-h-screen max-w-md flex-col justify-center gap-4 px-4 py-12">
      {error ? (
        <>
          <h1 className="text-2xl font-semibold">The address is not confirmed</h1>
          <p>{PROBLEMS[error] ?? "This link could not be used."}</p>
          {user && !user.emailVerified ? (
            <p>
              <ResendVerification email={user.email} />
            </p>
          ) : (
            <p>
              {user ? "" : "Sign in to send a new link. "}
              <Link href={user ? "/" : "/sign-in"} className={linkClass}>
                {user ? "Go to your tasks" : "Sign in"}
              </Link>
            </p>
          )}
        </>
      ) : (
        <>
          <h1 className="text-2xl font-semibold">Email address confirmed</h1>
          <p>{user ? `Thank you: ${user.email} is confirmed.` : "Thank you: the address is confirmed. Sign in to carry on."}</p>
          <p>
            <Link href={user ? "/" : "/sign-in"} className={linkClass}>
              {user ? "Go to your tasks" : "Sign in"}
            </Link>
          </p>
        </>
      )}
    </main>
  );
}
