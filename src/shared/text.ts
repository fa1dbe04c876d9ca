/**
 * What user text may hold, and how to print text that came from someone else.
 *
 * C0 and C1 control characters (ESC, BEL, CSI...) in a title end up in terminals (`tasks ls`) and in
 * other users' files (export/import), where they clear screens, recolour them or set window titles:
 * the API refuses them. Bidirectional overrides and isolates are legitimate in right-to-left text, so
 * the API keeps them; the page isolates user text (`dir="auto"`) and the CLI prints them escaped.
 */

/** Control characters no single-line text (a title, a list name, a search) may hold: all of C0, DEL, C1. */
export const LINE_CONTROLS = /[\u0000-\u001F\u007F-\u009F]/;

/** Control characters multi-line text (notes) may not hold: C0 but tab, newline and carriage return; DEL; C1. */
export const TEXT_CONTROLS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/;

/** `.refine(...withoutControls("Title"))`: refuses control characters with a message naming the field. */
export const withoutControls = (field: string, controls: RegExp = LINE_CONTROLS) =>
  [(value: string) => !controls.test(value), `${field} must not contain control characters`] as const;

/** What a terminal must not receive raw: controls but tab and newline, and bidirectional embeddings, overrides, isolates. */
const TERMINAL_UNSAFE = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069]/g;

/**
 * `text` with every character a terminal would act on (ESC, BEL, CR, C1, bidirectional overrides)
 * written as a visible `\uXXXX` escape, which is also a valid escape inside a JSON string: the same
 * function makes the CLI's human and `--json` output safe, and JSON parses back to the original text.
 *
 * @example escapeForTerminal("a\u001b[2Jb") // "a\\u001b[2Jb"
 */
export function escapeForTerminal(text: string): string {
  return text.replace(TERMINAL_UNSAFE, (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, "0")}`);
}

/**
 * `text` between Unicode's first-strong isolate and pop-directional isolate (U+2068, U+2069): the plain-text
 * `<bdi>`, for user text inside a sentence of ours (a toast), so its direction and any override in it stay inside.
 */
export function isolate(text: string): string {
  return `\u2068${text}\u2069`;
}
