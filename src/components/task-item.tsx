"use client";

import { useState, type KeyboardEvent } from "react";
import type { RouterOutputs } from "@/server/trpc/routers/_app";
import { TASK_LIMITS } from "@/shared/task-fields";

/** A task as the API returns it. */
export type TaskView = RouterOutputs["task"]["list"]["items"][number];

export interface TaskItemProps {
  task: TaskView;
  busy: boolean;
  onToggle: (completed: boolean) => void;
  onRename: (title: string) => void;
  onDelete: () => void;
}

/** One row: complete, rename (double-click or the Edit button) and delete. */
export function TaskItem({ task, busy, onToggle, onRename, onDelete }: TaskItemProps) {
  const [draft, setDraft] = useState<string | null>(null);
  const editing = draft !== null;

  function finishEdit() {
    if (draft === null) return;
    const title = draft.trim();
    setDraft(null);
    // As in TodoMVC: an emptied title deletes the task.
    if (title === "") onDelete();
    else if (title !== task.title) onRename(title);
  }

  function onKeyDown(event: KeyboardEvent<HTMLInputElement>) {
    if (event.key === "Enter") finishEdit();
    if (event.key === "Escape") setDraft(null);
  }

  return (
    <li
      data-testid="task-item"
      className={`group flex items-center gap-3 border-b border-slate-200 px-4 py-3 last:border-b-0 dark:border-slate-800 ${
        task.completed ? "completed" : ""
      } ${editing ? "editing" : ""}`}
    >
      {editing ? (
        <input
          className="edit w-full rounded border border-blue-400 bg-white px-2 py-1 dark:bg-slate-900"
          aria-label={`Rename "${task.title}"`}
          value={draft}
          maxLength={TASK_LIMITS.titleMax}
          autoFocus
          onChange={(e) => setDraft(e.target.value)}
          onKeyDown={onKeyDown}
          onBlur={finishEdit}
        />
      ) : (
        <>
          <input
            type="checkbox"
            className="toggle size-5 shrink-0 accent-blue-600"
            checked={task.completed}
            disabled={busy}
            aria-label={`Mark "${task.title}" as ${task.completed ? "not done" : "done"}`}
            onChange={(e) => onToggle(e.target.checked)}
          />
          <span
            className={`min-w-0 flex-1 break-words ${task.completed ? "text-slate-400 line-through" : ""}`}
            onDoubleClick={() => setDraft(task.title)}
          >
            {task.title}
          </span>
          <button
            type="button"
            className="rounded px-2 py-1 text-sm text-slate-500 hover:bg-slate-100 hover:text-slate-900 dark:hover:bg-slate-800 dark:hover:text-slate-100"
            aria-label={`Rename "${task.title}"`}
            disabled={busy}
            onClick={() => setDraft(task.title)}
          >
            Edit
          </button>
          <button
            type="button"
            className="destroy rounded px-2 py-1 text-sm text-slate-500 hover:bg-red-50 hover:text-red-700 dark:hover:bg-red-950 dark:hover:text-red-300"
            aria-label={`Delete "${task.title}"`}
            disabled={busy}
            onClick={onDelete}
          >
            Delete
          </button>
        </>
      )}
    </li>
  );
}
