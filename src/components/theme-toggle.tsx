"use client";

import { useSyncExternalStore } from "react";
import { THEME_STORAGE_KEY, type Theme } from "@/lib/theme";

const NEXT: Record<Theme, Theme> = { system: "light", light: "dark", dark: "system" };
const LABELS: Record<Theme, string> = { system: "System theme", light: "Light theme", dark: "Dark theme" };

const listeners = new Set<() => void>();
const subscribe = (listener: () => void) => {
  listeners.add(listener);
  return () => listeners.delete(listener);
};
const read = (): Theme => {
  const theme = document.documentElement.dataset.theme;
  return theme === "light" || theme === "dark" ? theme : "system";
};

/** Cycles System → Light → Dark; the choice is kept in localStorage and applied before paint on reload. */
export function ThemeToggle() {
  const theme = useSyncExternalStore(subscribe, read, () => "system" as const);

  function choose(next: Theme) {
    const root = document.documentElement;
    if (next === "system") delete root.dataset.theme;
    else root.dataset.theme = next;
    try {
      if (next === "system") localStorage.removeItem(THEME_STORAGE_KEY);
      else localStorage.setItem(THEME_STORAGE_KEY, next);
    } catch {
      // Storage may be unavailable (private mode): the choice then lasts for this page only.
    }
    listeners.forEach((listener) => listener());
  }

  return (
    <button
      type="button"
      onClick={() => choose(NEXT[theme])}
      title={`${LABELS[theme]}: click for ${LABELS[NEXT[theme]].toLowerCase()}`}
      className="rounded-md border border-slate-300 px-3 py-1.5 hover:bg-slate-100 dark:border-slate-700 dark:hover:bg-slate-800"
    >
      {LABELS[theme]}
    </button>
  );
}
