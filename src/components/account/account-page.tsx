"use client";

import { useQuery, useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useId, useState, type FormEvent, type ReactNode } from "react";
import { toast } from "@/lib/toast";
import { accessTokens } from "@/lib/access-token";
import { authClient } from "@/lib/auth-client";
import { deviceName } from "@/lib/device-name";
import { useHydrated } from "@/lib/use-hydrated";
import { ResendVerification } from "../email/resend-verification";
import { fieldValue, FormField } from "../form-field";
import { TwoFactorSection } from "./two-factor-section";

export interface AccountPageProps {
  user: { name: string; email: string; emailVerified: boolean; twoFactorEnabled: boolean };
  passwordRules: { minLength: number; maxLength: number };
  /** Whether this server can send mail (changing the address needs it), and whether it asks for confirmed addresses. */
  mail: { available: boolean; verification: "off" | "optional" | "required" };
}

type AuthError = { message?: string; status: number } | null;

/** Better Auth's error in words a user can act on. */
const describe = (error: NonNullable<AuthError>) =>
  error.status === 429 ? "Too many attempts. Wait a minute and try again." : error.message || "That did not work. Please try again.";

const buttonClass = "rounded-md bg-brand px-3 py-2 text-sm font-medium text-white hover:bg-brand-strong disabled:opacity-60";

function Section({ title, children }: { title: string; children: ReactNode }) {
  const id = useId();
  return (
    <section aria-labelledby={id} className="rounded-lg border border-slate-200 bg-white p-5 shadow-sm dark:border-slate-800 dark:bg-slate-900">
      <h2 id={id} className="mb-4 text-lg font-semibold">{title}</h2>
      {children}
    </section>
  );
}

function ProfileForm({ user }: Pick<AccountPageProps, "user">) {
  const router = useRouter();
  const hydrated = useHydrated();
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const name = fieldValue(event.currentTarget, "name");
    if (name.trim() === "") return setError("Enter your name.");
    setError(null);
    setPending(true);
    const { error: failure } = await authClient.updateUser({ name: name.trim() });
    setPending(false);
    if (failure) return setError(describe(failure));
    accessTokens.clear(); // tokens carry the name
    toast.success("Name saved");
    router.refresh();
  }

  return (
    <form method="post" noValidate onSubmit={onSubmit} className="space-y-4">
      <FormField label="Name" name="name" autoComplete="name" defaultValue={user.name} maxLength={100} error={error} />
      <button type="submit" disabled={pending || !hydrated} className={buttonClass}>{pending ? "Saving…" : "Save name"}</button>
    </form>
  );
}

/** The address: whether it is confirmed (with a resend), and a change that the new address must confirm. */
function EmailForm({ user, mail }: Pick<AccountPageProps, "user" | "mail">) {
  const router = useRouter();
  const hydrated = useHydrated();
  const [errors, setErrors] = useState<{ email?: string; password?: string; form?: string }>({});
  const [done, setDone] = useState<string | null>(null);
  const [pending, setPending] = useState(false);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = event.currentTarget;
    const newEmail = fieldValue(form, "newEmail").trim();
    const password = fieldValue(form, "password");
    const found: typeof errors = {};
    if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(newEmail)) found.email = "Enter a valid email address.";
    else if (newEmail.toLowerCase() === user.email.toLowerCase()) found.email = "That is already your address.";
    if (password === "") found.password = "Enter your password.";
    setErrors(found);
    setDone(null);
    if (Object.keys(found).length > 0) return;
    setPending(true);
    const { error: failure } = await authClient.$fetch("/change-email", { method: "POST", body: { newEmail, password } });
    setPending(false);
    if (failure) {
      const code = (failure as { code?: string }).code;
      return setErrors(code === "INVALID_PASSWORD" ? { password: "That is not your password." } : { form: describe(failure) });
    }
    form.reset();
    // A confirmed address changes when the new one is confirmed; an unconfirmed one changes at once (it proved nothing).
    setDone(
      user.emailVerified
        ? `We sent a link to ${newEmail}. Your address changes when you open it; until then it stays ${user.email}.`
        : `Your address is now ${newEmail}. We sent a link there to confirm it.`,
    );
    if (!user.emailVerified) {
      accessTokens.clear(); // tokens carry the address
      router.refresh();
    }
  }

  return (
    <div className="space-y-4">
      <p>
        <span className="font-medium">{user.email}</span>{" "}
        {mail.verification !== "off" &&
          (user.emailVerified ? (
            <span className="text-sm text-green-700 dark:text-green-400">Confirmed</span>
          ) : (
            <span className="text-sm text-amber-700 dark:text-amber-400">
              Not confirmed yet. <ResendVerification email={user.email} />
            </span>
          ))}
      </p>
      {mail.available ? (
        <form method="post" noValidate onSubmit={onSubmit} className="space-y-4">
          <FormField label="New email address" name="newEmail" type="email" autoComplete="email" error={errors.email} />
          <FormField label="Confirm with your password" name="password" type="password" autoComplete="current-password" error={errors.password} />
          {errors.form && <p role="alert" className="text-sm text-red-600 dark:text-red-400">{errors.form}</p>}
          <p role="status" className="text-sm text-green-700 empty:hidden dark:text-green-400">{done}</p>
          <button type="submit" disabled={pending || !hydrated} className={buttonClass}>{pending ? "Sending…" : "Change email"}</button>
        </form>
      ) : (
        <p className="text-sm text-slate-600 dark:text-slate-400">Changing the address needs a confirmation mail, and this server cannot send mail (no SMTP_URL).</p>
      )}
    </div>
  );
}

function PasswordForm({ passwordRules }: Pick<AccountPageProps, "passwordRules">) {
  const hydrated = useHydrated();
  const queryClient = useQueryClient();
  const [errors, setErrors] = useState<{ current?: string; next?: string; form?: string }>({});
  const [pending, setPending] = useState(false);
  const [done, setDone] = useState<string | null>(null);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setDone(null);
    const form = event.currentTarget;
    const current = fieldValue(form, "current");
    const next = fieldValue(form, "next");
    const signOutOthers = new FormData(form).has("signOutOthers");
    const found: typeof errors = {};
    if (current === "") found.current = "Enter your current password.";
    if (next.length < passwordRules.minLength) found.next = `Use at least ${passwordRules.minLength} characters.`;
    else if (next.length > passwordRules.maxLength) found.next = `Use at most ${passwordRules.maxLength} characters.`;
    setErrors(found);
    if (Object.keys(found).length > 0) return;
    setPending(true);
    const { error } = await authClient.changePassword({ currentPassword: current, newPassword: next, revokeOtherSessions: signOutOthers });
    setPending(false);
    if (error) return setErrors({ form: describe(error) });
    for (const name of ["current", "next"]) (form.elements.namedItem(name) as HTMLInputElement).value = "";
    // Said beside the button, not in a toast: a toast would cover the Sessions card, which just changed.
    setDone(signOutOthers ? "Password changed; other sessions signed out." : "Password changed.");
    await queryClient.invalidateQueries({ queryKey: ["sessions"] });
  }

  return (
    <form method="post" noValidate onSubmit={onSubmit} className="space-y-4">
      <FormField label="Current password" name="current" type="password" autoComplete="current-password" error={errors.current} />
      <FormField label="New password" name="next" type="password" autoComplete="new-password" error={errors.next} />
      <label className="flex items-center gap-2 text-sm">
        <input type="checkbox" name="signOutOthers" defaultChecked className="size-4 accent-brand" />
        Sign out my other sessions
      </label>
      {errors.form && <p role="alert" className="text-sm text-red-600 dark:text-red-400">{errors.form}</p>}
      <div className="flex flex-wrap items-center gap-3">
        <button type="submit" disabled={pending || !hydrated} className={buttonClass}>{pending ? "Changing…" : "Change password"}</button>
        <p role="status" className="text-sm text-green-700 empty:hidden dark:text-green-400">{done}</p>
      </div>
    </form>
  );
}

const dateTime = new Intl.DateTimeFormat(undefined, { dateStyle: "medium", timeStyle: "short" });

function SessionList() {
  const queryClient = useQueryClient();
  const current = authClient.useSession();
  const sessions = useQuery({
    queryKey: ["sessions"],
    queryFn: async () => {
      const { data, error } = await authClient.listSessions();
      if (error) throw new Error(describe(error));
      return data;
    },
  });

  async function revoke(token: string) {
    const { error } = await authClient.revokeSession({ token });
    if (error) toast.error(describe(error));
    else toast.success("Session signed out");
    await queryClient.invalidateQueries({ queryKey: ["sessions"] });
  }

  if (sessions.isPending) return <p className="text-sm text-slate-600 dark:text-slate-400">Loading sessions…</p>;
  if (sessions.isError)
    return (
      <p role="alert" className="text-sm">
        Could not load your sessions: {sessions.error.message}{" "}
        <button type="button" className="underline" onClick={() => sessions.refetch()}>Retry</button>
      </p>
    );
  return (
    <ul className="divide-y divide-slate-200 dark:divide-slate-800" aria-label="Active sessions">
      {/* This device first: the one a user looks for, and the one without a Sign out button. */}
      {sessions.data.toSorted((a, b) => Number(b.token === current.data?.session.token) - Number(a.token === current.data?.session.token)).map((session) => {
        const isCurrent = session.token === current.data?.session.token;
        return (
          <li key={session.id} className="flex flex-wrap items-center justify-between gap-2 py-3 text-sm">
            <span>
              <span className="font-medium">{deviceName(session.userAgent)}</span>
              {isCurrent && <span className="ml-2 rounded bg-blue-100 px-1.5 py-0.5 text-xs text-blue-800 dark:bg-blue-950 dark:text-blue-300">This device</span>}
              <span className="block text-slate-600 dark:text-slate-400">
                Signed in {dateTime.format(new Date(session.createdAt))}
                {/* Better Auth masks addresses to a subnet; an all-zero one (loopback) tells the user nothing. */}
                {session.ipAddress && !/^[0:.]+$/.test(session.ipAddress) ? ` from ${session.ipAddress}` : ""}
              </span>
            </span>
            {!isCurrent && (
              <button type="button" onClick={() => revoke(session.token)} className="rounded-md border border-slate-300 px-3 py-1.5 hover:bg-slate-100 dark:border-slate-700 dark:hover:bg-slate-800">
                Sign out
              </button>
            )}
          </li>
        );
      })}
    </ul>
  );
}

/**
 * Deleting the account: the password is checked first (`/api/auth/check-password`), then the page asks
 * to confirm, in place; only then is the account deleted (with the password again, as Better Auth wants).
 */
function DeleteAccount() {
  const hydrated = useHydrated();
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);
  /** The checked password, while the page asks to confirm. */
  const [confirming, setConfirming] = useState<string | null>(null);
  const confirmId = useId();

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const password = fieldValue(event.currentTarget, "password");
    if (password === "") return setError("Enter your password to delete your account.");
    setError(null);
    setPending(true);
    const { error: failure } = await authClient.$fetch("/check-password", { method: "POST", body: { password } });
    setPending(false);
    if (failure) return setError(describe(failure));
    setConfirming(password);
  }

  async function onConfirm() {
    if (confirming === null) return;
    setPending(true);
    const { error: failure } = await authClient.deleteUser({ password: confirming });
    setPending(false);
    if (failure) {
      setConfirming(null);
      return setError(describe(failure));
    }
    accessTokens.clear();
    // A full navigation: nothing of the deleted account stays in memory.
    // eslint-disable-next-line @next/next/no-location-assign-relative-destination
    window.location.assign("/sign-up");
  }

  return (
    <form method="post" noValidate onSubmit={onSubmit} className="space-y-4">
      <p className="text-sm text-slate-600 dark:text-slate-400">Deletes your account, your sessions and every task. This cannot be undone.</p>
      {/* A message about an earlier attempt goes as soon as the field changes. */}
      <FormField label="Password" name="password" type="password" autoComplete="current-password" error={error} disabled={confirming !== null} onChange={() => setError(null)} />
      {confirming === null ? (
        <button type="submit" disabled={pending || !hydrated} className="rounded-md bg-danger px-3 py-2 text-sm font-medium text-white hover:bg-danger-strong disabled:opacity-60">
          {pending ? "Checking…" : "Delete account"}
        </button>
      ) : (
        <div role="alertdialog" aria-labelledby={confirmId} className="space-y-3 rounded-md border border-red-300 bg-red-50 p-3 dark:border-red-800 dark:bg-red-950">
          <p id={confirmId} className="text-sm font-medium">Delete your account and all your tasks for good? This cannot be undone.</p>
          <div className="flex flex-wrap gap-2">
            <button type="button" autoFocus disabled={pending} onClick={() => void onConfirm()} className="rounded-md bg-danger px-3 py-2 text-sm font-medium text-white hover:bg-danger-strong disabled:opacity-60">
              {pending ? "Deleting…" : "Yes, delete everything"}
            </button>
            <button type="button" disabled={pending} onClick={() => setConfirming(null)} className="rounded-md border border-slate-300 px-3 py-2 text-sm hover:bg-slate-100 dark:border-slate-700 dark:hover:bg-slate-800">
              Keep my account
            </button>
          </div>
        </div>
      )}
    </form>
  );
}

/** The account page: each section talks to Better Auth directly (cookie session, same origin). */
export function AccountPage({ user, passwordRules, mail }: AccountPageProps) {
  return (
    <main className="mx-auto max-w-2xl space-y-6 px-4 py-8">
      <div className="flex items-center justify-between gap-3">
        <h1 className="text-3xl font-semibold tracking-tight">Account</h1>
        <Link href="/" className="text-sm font-medium text-blue-700 hover:underline dark:text-blue-400">Back to tasks</Link>
      </div>
      <Section title="Profile"><ProfileForm user={user} /></Section>
      <Section title="Email"><EmailForm user={user} mail={mail} /></Section>
      <Section title="Password"><PasswordForm passwordRules={passwordRules} /></Section>
      <Section title="Two-factor sign-in"><TwoFactorSection enabled={user.twoFactorEnabled} /></Section>
      <Section title="Sessions"><SessionList /></Section>
      <Section title="Delete account"><DeleteAccount /></Section>
    </main>
  );
}
