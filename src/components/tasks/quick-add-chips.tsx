"use client";

import type { QuickAdd, QuickAddToken } from "@/shared/quick-add";

const dueFormat = new Intl.DateTimeFormat(undefined, { weekday: "short", day: "numeric", month: "short" });
const timeFormat = new Intl.DateTimeFormat(undefined, { hour: "numeric", minute: "2-digit" });
const PRIORITY_NAMES = { none: "No", low: "Low", medium: "Medium", high: "High" } as const;

/** What a recognised part sets, in words. */
function describe(token: QuickAddToken, parsed: QuickAdd, listName: (id: string | null) => string): string {
  switch (token.kind) {
    case "due":
      return `Due ${dueFormat.format(parsed.dueDate!)}${parsed.dueHasTime ? `, ${timeFormat.format(parsed.dueDate!)}` : ""}`;
    case "repeat":
      return `Repeats ${token.text.trim().toLowerCase()}`;
    case "priority":
      return `${PRIORITY_NAMES[parsed.priority!]} priority`;
    case "list":
      return `In ${listName(parsed.listId ?? null)}`;
    case "label": {
      const name = token.text.slice(1);
      const known = parsed.labels.find((label) => label.name.toLowerCase() === name.toLowerCase());
      return known?.id ? `#${known.name}` : `#${name} (new label)`;
    }
  }
}

export interface QuickAddChipsProps {
  parsed: QuickAdd | null;
  /** A list's name by id (`null`: the Inbox). */
  listName: (id: string | null) => string;
  onDismiss: (key: string) => void;
}

/**
 * Under the new-task field: each part of the text quick add recognised (a date, `#label`, `!priority`,
 * a repeat, `^list`), as a chip whose × keeps its words in the title instead. Nothing for a plain title.
 */
export function QuickAddChips({ parsed, listName, onDismiss }: QuickAddChipsProps) {
  if (!parsed || parsed.tokens.length === 0) return null;
  return (
    <ul aria-label="Recognised in the new task" className="flex flex-wrap gap-1.5 px-4 pt-2 pb-3" data-testid="quick-add-chips">
      {parsed.tokens.map((token) => (
        <li key={`${token.key}@${token.start}`} data-kind={token.kind} className="inline-flex items-center gap-1 rounded-full bg-blue-50 py-0.5 pl-2.5 pr-1 text-xs font-medium text-blue-900 dark:bg-blue-950 dark:text-blue-100">
          <bdi>{describe(token, parsed, listName)}</bdi>
          <button
            type="button"
            className="inline-flex size-6 items-center justify-center rounded-full hover:bg-blue-100 focus-visible:outline-2 dark:hover:bg-blue-900"
            aria-label={`Keep “${token.text.trim()}” in the title`}
            title={`Keep “${token.text.trim()}” in the title`}
            onClick={() => onDismiss(token.key)}
          >
            <span aria-hidden="true">×</span>
          </button>
        </li>
      ))}
    </ul>
  );
}
