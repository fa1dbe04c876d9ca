"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { useEffect, useState } from "react";
import { TASK_LIMITS, TASK_SORTS, type TaskSort } from "@/shared/task-fields";
import { DUE_VIEWS, taskPageHref, type DueView, type TaskPageParams } from "@/shared/task-view";

const VIEW_LABELS: Record<DueView | "any", string> = { any: "Any date", today: "Today", overdue: "Overdue", upcoming: "Upcoming" };
const SORT_LABELS: Record<TaskSort, string> = { created: "Oldest first", newest: "Newest first", due: "Due date", priority: "Priority", manual: "My order" };

/** How long typing pauses before the search runs. */
const SEARCH_DELAY_MS = 250;

/** Search as you type, the due-date views and the sort order; all of it lives in the URL. */
export function TaskToolbar({ params }: { params: TaskPageParams }) {
  const router = useRouter();
  const [query, setQuery] = useState(params.search);

  useEffect(() => {
    if (query.trim() === params.search.trim()) return;
    const timer = setTimeout(() => router.replace(taskPageHref({ ...params, search: query }), { scroll: false }), SEARCH_DELAY_MS);
    return () => clearTimeout(timer);
  }, [query, params, router]);

  const views = [null, ...DUE_VIEWS] as const;
  // On a phone: the search and the sort on one line, the date views on the next (scrolling sideways if need be).
  return (
    <div className="flex flex-wrap items-center gap-2 border-b border-slate-200 px-3 py-2 text-sm md:px-4 dark:border-slate-800">
      <input
        id="task-search"
        type="search"
        placeholder="Search tasks"
        aria-label="Search tasks"
        aria-keyshortcuts="/"
        value={query}
        maxLength={TASK_LIMITS.searchMax}
        onChange={(e) => setQuery(e.target.value)}
        className="min-w-0 flex-1 basis-40 rounded-md border border-slate-300 bg-white px-2 py-1 dark:border-slate-700 dark:bg-slate-900"
      />
      <ul className="order-last flex max-w-full gap-1 overflow-x-auto max-md:basis-full md:order-none" aria-label="Due date">
        {views.map((view) => (
          <li key={view ?? "any"}>
            <Link
              href={taskPageHref({ ...params, view })}
              aria-current={params.view === view ? "page" : undefined}
              className={`block rounded px-2 py-1 whitespace-nowrap ${
                params.view === view ? "bg-slate-200 text-slate-900 dark:bg-slate-700 dark:text-white" : "text-slate-600 hover:bg-slate-100 dark:text-slate-400 dark:hover:bg-slate-800"
              }`}
            >
              {VIEW_LABELS[view ?? "any"]}
            </Link>
          </li>
        ))}
      </ul>
      <label className="flex items-center gap-1 text-slate-600 dark:text-slate-400">
        <span className="max-md:sr-only">Sort</span>
        <select
          value={params.sort}
          onChange={(e) => router.replace(taskPageHref({ ...params, sort: e.target.value as TaskSort }), { scroll: false })}
          className="rounded-md border border-slate-300 bg-white px-1 py-1 text-slate-900 dark:border-slate-700 dark:bg-slate-900 dark:text-slate-100"
        >
          {TASK_SORTS.map((sort) => (
            <option key={sort} value={sort}>{SORT_LABELS[sort]}</option>
          ))}
        </select>
      </label>
    </div>
  );
}
