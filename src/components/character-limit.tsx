"use client";

const format = (n: number) => n.toLocaleString("en-US");

/** Whether `text` (as the API will count it: trimmed or not, per field) is longer than `max`. */
export const isOverLimit = (text: string, max: number) => text.length > max;

export interface CharacterLimitProps {
  /** For the field's `aria-describedby`. */
  id: string;
  text: string;
  max: number;
}

/**
 * A field's length against its limit, shown from 80 % of it and in red past it. Fields do not use
 * `maxLength`, which cuts pasted text without a word: a text over the limit stays as typed, this says by
 * how much, and the form refuses to send it. The region is always present so that screen readers
 * announce the change.
 */
export function CharacterLimit({ id, text, max }: CharacterLimitProps) {
  const length = text.length;
  const over = length - max;
  return (
    <p id={id} role="status" className={`text-xs tabular-nums empty:hidden ${over > 0 ? "font-medium text-red-700 dark:text-red-400" : "text-slate-500 dark:text-slate-400"}`}>
      {length < max * 0.8 ? "" : over > 0 ? `${format(length)} / ${format(max)} characters: ${format(over)} too many` : `${format(length)} / ${format(max)} characters`}
    </p>
  );
}
