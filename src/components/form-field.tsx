"use client";

import { useId, type InputHTMLAttributes, type ReactNode } from "react";

export type FormFieldProps = {
  label: string;
  error?: string | null;
  /** Shown under the field from the start (what it takes), linked for screen readers. */
  hint?: ReactNode;
} & InputHTMLAttributes<HTMLInputElement>;

/** A labelled input with its hint and error message, linked for screen readers (aria-invalid, aria-describedby). */
export function FormField({ label, error, hint, ...input }: FormFieldProps) {
  const id = useId();
  const describedBy = [hint && `${id}-hint`, error && `${id}-error`].filter(Boolean).join(" ") || undefined;
  return (
    <div className="space-y-1">
      <label htmlFor={id} className="block text-sm font-medium">
        {label}
      </label>
      <input
        id={id}
        {...input}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy}
        className="w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-base dark:border-slate-700 dark:bg-slate-900 aria-invalid:border-red-500"
      />
      {hint && (
        <div id={`${id}-hint`} className="text-sm text-slate-600 dark:text-slate-400">
          {hint}
        </div>
      )}
      {error && (
        <p id={`${id}-error`} className="text-sm text-red-600 dark:text-red-400">
          {error}
        </p>
      )}
    </div>
  );
}

/**
 * The text in a form's field `name`, read on submit. The forms keep their fields uncontrolled: React
 * resets a controlled field that was typed into before hydration to its state, losing the input.
 */
export function fieldValue(form: HTMLFormElement, name: string): string {
  const value = new FormData(form).get(name);
  return typeof value === "string" ? value : "";
}
