"use client";

import { useEffect, useRef } from "react";

const SHORTCUTS = [
  ["n", "New task (when not typing in a field)"],
  ["/", "Search"],
  ["?", "Show these shortcuts"],
  ["Enter", "Add the task / save an edit"],
  ["Alt+↑ / Alt+↓", "Move the task (in My order) or the subtask one place"],
  ["Esc", "Discard an edit, close a dialog"],
  ["Tab", "Move between controls; Space toggles a checkbox"],
] as const;

export interface KeyboardShortcutsProps {
  onNewTask: () => void;
  onSearch: () => void;
}

/**
 * Page-wide keys (never while typing in a field) and the `?` help dialog, also opened by its button. Keys
 * are for keyboards: a touch screen does without the button (the dialog still opens with "?").
 */
export function KeyboardShortcuts({ onNewTask, onSearch }: KeyboardShortcutsProps) {
  const dialog = useRef<HTMLDialogElement>(null);

  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.defaultPrevented || event.ctrlKey || event.metaKey || event.altKey) return;
      if (event.target instanceof Element && event.target.closest("input, textarea, select, [contenteditable='true']")) return;
      const action = { n: onNewTask, "/": onSearch, "?": () => dialog.current?.showModal() }[event.key];
      if (!action) return;
      event.preventDefault();
      action();
    };
    window.addEventListener("keydown", onKeyDown);
    return () => window.removeEventListener("keydown", onKeyDown);
  }, [onNewTask, onSearch]);

  return (
    <>
      <button
        type="button"
        onClick={() => dialog.current?.showModal()}
        aria-keyshortcuts="?"
        className="rounded-md border border-slate-300 px-3 py-1.5 hover:bg-slate-100 pointer-coarse:hidden dark:border-slate-700 dark:hover:bg-slate-800"
      >
        Shortcuts
      </button>
      <dialog
        ref={dialog}
        aria-labelledby="shortcuts-title"
        className="m-auto w-[min(28rem,calc(100vw-2rem))] rounded-lg border border-slate-200 bg-white p-5 text-slate-900 shadow-xl backdrop:bg-slate-950/40 dark:border-slate-700 dark:bg-slate-900 dark:text-slate-100"
      >
        <h2 id="shortcuts-title" className="mb-3 text-lg font-semibold">Keyboard shortcuts</h2>
        <dl className="grid grid-cols-[auto_minmax(0,1fr)] gap-x-4 gap-y-2 text-sm">
          {SHORTCUTS.map(([key, description]) => (
            <div key={key} className="contents">
              <dt>
                <kbd className="whitespace-nowrap rounded border border-slate-300 bg-slate-100 px-1.5 py-0.5 font-mono text-xs dark:border-slate-600 dark:bg-slate-800">{key}</kbd>
              </dt>
              <dd className="break-words">{description}</dd>
            </div>
          ))}
        </dl>
        <form method="dialog" className="mt-4 text-right">
          <button className="rounded-md bg-brand px-3 py-1.5 text-sm font-medium text-white hover:bg-brand-strong">Close</button>
        </form>
      </dialog>
    </>
  );
}
