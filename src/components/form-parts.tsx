"use client";

import type { ReactNode } from "react";
import { useHydrated } from "@/lib/use-hydrated";

/** The message of a form that failed as a whole (`id` for the form's `aria-describedby`); nothing when there is none. */
export function FormError({ id, children }: { id: string; children: ReactNode }) {
  if (!children) return null;
  return (
    <p id={id} role="alert" className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-700 dark:bg-red-950 dark:text-red-300">
      {children}
    </p>
  );
}

/**
 * The full-width primary button of the sign-in style forms. Disabled until hydrated: with no enabled
 * submit button, Enter cannot submit the form natively (before React handles it), and while `pending`.
 */
export function SubmitButton({ pending, pendingText, children }: { pending: boolean; pendingText: string; children: ReactNode }) {
  const hydrated = useHydrated();
  return (
    <button
      type="submit"
      disabled={pending || !hydrated}
      className="w-full rounded-md bg-brand px-3 py-2 font-medium text-white hover:bg-brand-strong disabled:opacity-60"
    >
      {pending ? pendingText : children}
    </button>
  );
}
