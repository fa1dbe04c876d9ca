"use client";

import { useEffect, useId, useRef, useState, type KeyboardEvent } from "react";

/** One action of a {@link RowMenu}. */
export interface RowMenuItem {
  /** What the menu shows ("Rename"). */
  text: string;
  /** Its accessible name, which says what it acts on ("Rename Work"). */
  name: string;
  onSelect: () => void;
  danger?: boolean;
}

/**
 * A sidebar row's actions behind one "⋯" button: a native popover (the top layer, light dismiss,
 * Escape, no library), placed under its button. Opening it moves the focus to the first action; the
 * arrow keys move between them. The button is quiet until its row is hovered or focused on a wide
 * screen with a mouse, like a task row's actions; always shown on touch screens.
 */
export function RowMenu({ label, items }: { label: string; items: readonly RowMenuItem[] }) {
  const id = useId();
  const button = useRef<HTMLButtonElement>(null);
  const menu = useRef<HTMLDivElement>(null);
  const [open, setOpen] = useState(false);

  useEffect(() => {
    const node = menu.current;
    if (!node) return;
    const beforeToggle = (event: Event) => {
      if ((event as ToggleEvent).newState !== "open" || !button.current) return;
      // Under the button, its right edge on the button's: fixed, so the sidebar's scroll does not matter.
      const box = button.current.getBoundingClientRect();
      node.style.top = `${Math.round(box.bottom + 4)}px`;
      node.style.right = `${Math.round(document.documentElement.clientWidth - box.right)}px`;
    };
    const toggle = (event: Event) => {
      const opened = (event as ToggleEvent).newState === "open";
      setOpen(opened);
      if (opened) node.querySelector<HTMLButtonElement>("button")?.focus();
    };
    node.addEventListener("beforetoggle", beforeToggle);
    node.addEventListener("toggle", toggle);
    return () => {
      node.removeEventListener("beforetoggle", beforeToggle);
      node.removeEventListener("toggle", toggle);
    };
  }, []);

  function onKeyDown(event: KeyboardEvent<HTMLDivElement>) {
    if (event.key !== "ArrowDown" && event.key !== "ArrowUp") return;
    event.preventDefault();
    const buttons = [...(menu.current?.querySelectorAll<HTMLButtonElement>("button") ?? [])];
    const at = buttons.indexOf(document.activeElement as HTMLButtonElement);
    buttons[(at + (event.key === "ArrowDown" ? 1 : -1) + buttons.length) % buttons.length]?.focus();
  }

  return (
    <>
      <button
        ref={button}
        type="button"
        popoverTarget={id}
        aria-label={label}
        aria-expanded={open}
        title="Actions"
        className={`row-action inline-flex size-7 items-center justify-center rounded text-slate-500 hover:bg-slate-200 hover:text-slate-900 dark:text-slate-400 dark:hover:bg-slate-700 dark:hover:text-white ${
          open ? "" : "md:opacity-0 md:group-hover:opacity-100 md:group-focus-within:opacity-100 md:focus-visible:opacity-100"
        }`}
      >
        <svg aria-hidden="true" viewBox="0 0 20 20" className="size-4" fill="currentColor">
          <circle cx="4.5" cy="10" r="1.5" />
          <circle cx="10" cy="10" r="1.5" />
          <circle cx="15.5" cy="10" r="1.5" />
        </svg>
      </button>
      <div
        ref={menu}
        id={id}
        popover="auto"
        onKeyDown={onKeyDown}
        className="fixed inset-auto m-0 min-w-36 rounded-md border border-slate-200 bg-white p-1 text-sm text-slate-800 shadow-lg dark:border-slate-700 dark:bg-slate-900 dark:text-slate-100"
      >
        {items.map((item) => (
          <button
            key={item.text}
            type="button"
            aria-label={item.name}
            className={`block w-full rounded px-3 py-1.5 text-left hover:bg-slate-100 focus-visible:bg-slate-100 dark:hover:bg-slate-800 dark:focus-visible:bg-slate-800 ${
              item.danger ? "text-red-700 dark:text-red-400" : ""
            }`}
            onClick={() => {
              menu.current?.hidePopover();
              item.onSelect();
            }}
          >
            {item.text}
          </button>
        ))}
      </div>
    </>
  );
}
