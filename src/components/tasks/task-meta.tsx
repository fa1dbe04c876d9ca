"use client";

import { useHydrated } from "@/lib/use-hydrated";
import { LABEL_STYLES } from "../labels/label-colors";
import type { LabelChoice, ListChoice } from "./task-details-form";
import { startOfDay } from "@/shared/task-view";
import type { TaskView } from "./use-task-actions";

const PRIORITY_STYLES = {
  low: "bg-sky-100 text-sky-800 dark:bg-sky-950 dark:text-sky-300",
  medium: "bg-amber-100 text-amber-800 dark:bg-amber-950 dark:text-amber-300",
  high: "bg-red-100 text-red-800 dark:bg-red-950 dark:text-red-300",
} as const;

const dayFormat = new Intl.DateTimeFormat(undefined, { day: "numeric", month: "short" });
const timeFormat = new Intl.DateTimeFormat(undefined, { hour: "numeric", minute: "2-digit" });

/**
 * Priority, due day, the repeat, the checklist's "2/5", the list (in a view of several lists), the labels and the first line of the notes, under a task's title. Nothing when there is nothing.
 * The due day is written once hydrated: "today" and the date depend on the browser's time zone and locale.
 */
export function TaskMeta({ task, labels = [], list }: { task: TaskView; labels?: readonly LabelChoice[]; list?: ListChoice }) {
  const hydrated = useHydrated();
  const now = new Date();
  const today = startOfDay(now);
  // A day's due moment is its last: overdue once it has passed, for a day or a time alike.
  const overdue = task.dueDate !== null && !task.completed && task.dueDate < now;
  const dueToday = task.dueDate !== null && task.dueDate >= today && task.dueDate < startOfDay(today, 1);
  const { done, total } = task.subtasks;
  const carried = labels.filter((label) => task.labelIds.includes(label.id));
  if (task.priority === "none" && !task.dueDate && !task.notes && total === 0 && carried.length === 0 && !task.repeat && !list) return null;
  return (
    <span className="mt-1 flex flex-wrap items-center gap-2 text-xs text-slate-500 dark:text-slate-400">
      {task.priority !== "none" && (
        <span className={`rounded px-1.5 py-0.5 font-medium ${PRIORITY_STYLES[task.priority]}`}>{task.priority} priority</span>
      )}
      {task.dueDate && hydrated && (
        <span className={overdue ? "font-medium text-red-700 dark:text-red-400" : dueToday ? "font-medium text-blue-700 dark:text-blue-400" : ""}>
          {overdue ? "Overdue · " : dueToday ? "Due today · " : "Due "}
          <time dateTime={task.dueDate.toISOString()}>
            {dayFormat.format(task.dueDate)}
            {task.dueHasTime && `, ${timeFormat.format(task.dueDate)}`}
          </time>
        </span>
      )}
      {task.repeat && (
        <span data-testid="task-repeat" title={`Repeats ${task.repeat.text}`}>
          <span aria-hidden="true">↻ </span>
          <span className="sr-only">Repeats </span>
          {task.repeat.text}
        </span>
      )}
      {total > 0 && (
        <span className={done === total ? "text-green-700 dark:text-green-400" : ""} data-testid="subtask-count">
          <span className="sr-only">{`${done} of ${total} subtasks done`}</span>
          <svg aria-hidden="true" viewBox="0 0 16 16" className="mr-0.5 inline size-3 align-[-1px]" fill="none" stroke="currentColor" strokeWidth="2">
            <rect x="1.5" y="1.5" width="13" height="13" rx="2" />
            <path d="M4.5 8.5l2.5 2.5 4.5-5" />
          </svg>
          <span aria-hidden="true">{done}/{total}</span>
        </span>
      )}
      {list && (
        <span data-testid="task-list" className="inline-flex items-center gap-1">
          <svg aria-hidden="true" viewBox="0 0 16 16" className="size-3" fill="none" stroke="currentColor" strokeWidth="1.5">
            <path d="M1.5 4.5a1 1 0 0 1 1-1h3.6l1.4 1.5h6a1 1 0 0 1 1 1v6.5a1 1 0 0 1-1 1h-11a1 1 0 0 1-1-1z" />
          </svg>
          <span className="sr-only">In the list </span>
          <bdi>{list.name}</bdi>
        </span>
      )}
      {carried.map((label) => (
        <span key={label.id} className={`rounded px-1.5 py-0.5 font-medium ${LABEL_STYLES[label.color].chip}`} data-testid="task-label">
          <bdi>#{label.name}</bdi>
        </span>
      ))}
      {task.notes && <span className="max-w-[24ch] truncate" title={task.notes}>{task.notes.split("\n")[0]}</span>}
    </span>
  );
}
