"use client";

import Link from "next/link";
import { TASK_FILTERS, type TaskFilter } from "@/shared/task-fields";
import { taskPageHref, type TaskPageParams } from "@/shared/task-view";

const FILTER_LABELS: Record<TaskFilter, string> = { all: "All", active: "Active", completed: "Completed" };

export interface TaskFooterProps {
  params: TaskPageParams;
  active: number;
  completed: number;
  onClearCompleted: () => void;
}

/** TodoMVC's footer: "N items left", the filter links, and "Clear completed" when there is any. */
export function TaskFooter({ params, active, completed, onClearCompleted }: TaskFooterProps) {
  const filter = params.filter;
  return (
    <footer className="footer flex flex-wrap items-center justify-between gap-x-4 gap-y-2 border-t border-slate-200 px-4 py-3 text-sm text-slate-600 dark:border-slate-800 dark:text-slate-400">
      <span className="todo-count" aria-live="polite">
        <strong className="font-semibold text-slate-900 dark:text-slate-100">{active}</strong> {active === 1 ? "item" : "items"} left
      </span>
      <ul className="filters flex gap-1" aria-label="Filter tasks">
        {TASK_FILTERS.map((f) => (
          <li key={f}>
            <Link
              href={taskPageHref({ ...params, filter: f })}
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
