"use client";

import { useHydrated } from "@/lib/use-hydrated";
import { startOfDay } from "@/shared/task-view";
import type { TaskView } from "./use-task-actions";

const PRIORITY_STYLES = {
  low: "bg-sky-100 text-sky-800 dark:bg-sky-950 dark:text-sky-300",
  medium: "bg-amber-100 text-amber-800 dark:bg-amber-950 dark:text-amber-300",
  high: "bg-red-100 text-red-800 dark:bg-red-950 dark:text-red-300",
} as const;

const dayFormat = new Intl.DateTimeFormat(undefined, { day: "numeric", month: "short" });

/**
 * Priority, due day and the first line of the notes, under a task's title. Nothing when there is nothing.
 * The due day is written once hydrated: "today" and the date depend on the browser's time zone and locale.
 */
export function TaskMeta({ task }: { task: TaskView }) {
  const hydrated = useHydrated();
  const today = startOfDay(new Date());
  const overdue = task.dueDate !== null && !task.completed && task.dueDate < today;
  const dueToday = task.dueDate !== null && task.dueDate >= today && task.dueDate < startOfDay(today, 1);
  if (task.priority === "none" && !task.dueDate && !task.notes) return null;
  return (
    <span className="mt-1 flex flex-wrap items-center gap-2 text-xs text-slate-500 dark:text-slate-400">
      {task.priority !== "none" && (
        <span className={`rounded px-1.5 py-0.5 font-medium ${PRIORITY_STYLES[task.priority]}`}>{task.priority} priority</span>
      )}
      {task.dueDate && hydrated && (
        <span className={overdue ? "font-medium text-red-700 dark:text-red-400" : dueToday ? "font-medium text-blue-700 dark:text-blue-400" : ""}>
          {overdue ? "Overdue · " : dueToday ? "Due today · " : "Due "}
          <time dateTime={task.dueDate.toISOString()}>{dayFormat.format(task.dueDate)}</time>
        </span>
      )}
      {task.notes && <span className="max-w-[24ch] truncate" title={task.notes}>{task.notes.split("\n")[0]}</span>}
    </span>
  );
}
