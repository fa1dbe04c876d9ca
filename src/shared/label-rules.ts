import { LINE_CONTROLS } from "./text";

/** The colours a label may have: names, which the page maps to light and dark styles that keep contrast. */
export const LABEL_COLORS = ["gray", "red", "orange", "amber", "green", "teal", "blue", "indigo", "purple", "pink"] as const;
export type LabelColor = (typeof LABEL_COLORS)[number];

/** Label limits: a name's length (after trimming); most labels one task may carry whatever the configuration says. */
export const LABEL_LIMITS = { nameMax: 50, perTaskHardMax: 100 } as const;

/**
 * Why `name` (trimmed) cannot be a label's name, or null. No `#` or spaces inside, so quick add's
 * `#name` can always name it. The API's schema (label-input.ts) checks with this very function; the
 * page uses it directly, without loading zod.
 */
export function labelNameProblem(name: string): string | null {
  if (name.length === 0) return "Label name must not be empty";
  if (name.length > LABEL_LIMITS.nameMax) return `Label name must be at most ${LABEL_LIMITS.nameMax} characters`;
  if (LINE_CONTROLS.test(name)) return "Label name must not contain control characters";
  if (/[\s#]/.test(name)) return "Label name must not contain spaces or #";
  return null;
}
