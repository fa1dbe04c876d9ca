"use client";

import { useId, type InputHTMLAttributes } from "react";

export type FormFieldProps = { label: string; error?: string | null } & InputHTMLAttributes<HTMLInputElement>;

/** A labelled input with its error message, linked for screen readers (aria-invalid, aria-describedby). */
export function FormField({ label, error, ...input }: FormFieldProps) {
  const id = useId();
  return (
    <div className="space-y-1">
      <label htmlFor={id} className="block text-sm font-medium">
        {label}
      </label>
      <input
        id={id}
        {...input}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `${id}-error` : undefined}
        className="w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-base dark:border-slate-700 dark:bg-slate-900 aria-invalid:border-red-500"
      />
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
