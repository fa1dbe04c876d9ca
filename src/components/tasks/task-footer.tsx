"use client";

import Link from "next/link";
import { TASK_FILTERS, type TaskFilter } from "@/shared/task-fields";

const FILTER_LABELS: Record<TaskFilter, string> = { all: "All", active: "Active", completed: "Completed" };

/** The URL of a filter: `/` for all, `/?filter=active` otherwise (so reload and Back keep it). */
export const filterHref = (filter: TaskFilter) => (filter === "all" ? "/" : `/?filter=${filter}`);

export interface TaskFooterProps {
  filter: TaskFilter;
  active: number;
  completed: number;
  onClearCompleted: () => void;
}

/** TodoMVC's footer: "N items left", the filter links, and "Clear completed" when there is any. */
export function TaskFooter({ filter, active, completed, onClearCompleted }: TaskFooterProps) {
  return (
    <footer className="footer flex flex-wrap items-center justify-between gap-x-4 gap-y-2 border-t border-slate-200 px-4 py-3 text-sm text-slate-600 dark:border-slate-800 dark:text-slate-400">
      <span className="todo-count" aria-live="polite">
        <strong className="font-semibold text-slate-900 dark:text-slate-100">{active}</strong> {active === 1 ? "item" : "items"} left
      </span>
      <ul className="filters flex gap-1" aria-label="Filter tasks">
        {TASK_FILTERS.map((f) => (
          <li key={f}>
            <Link
              href={filterHref(f)}
              aria-current={filter === f ? "page" : undefined}
              className={`block rounded px-2 py-1 ${
                filter === f ? "selected bg-slate-200 text-slate-900 dark:bg-slate-700 dark:text-white" : "hover:bg-slate-100 dark:hover:bg-slate-800"
              }`}
            >
              {FILTER_LABELS[f]}
            </Link>
          </li>
        ))}
      </ul>
      {completed > 0 ? (
        <button type="button" className="clear-completed rounded px-2 py-1 hover:bg-slate-100 hover:underline dark:hover:bg-slate-800" onClick={onClearCompleted}>
          Clear completed
        </button>
      ) : (
        // Keeps the filters centred when the button is hidden.
        <span aria-hidden className="hidden sm:block sm:w-[7.5rem]" />
      )}
    </footer>
  );
}
