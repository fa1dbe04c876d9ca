"use client";

import { useRef, useState, type KeyboardEvent } from "react";
import { TASK_LIMITS } from "@/shared/task-fields";
import { TaskDetailsForm, type ListChoice } from "./task-details-form";
import { TaskMeta } from "./task-meta";
import { usePendingChecked } from "./use-pending-checked";
import type { TaskEdit, TaskView } from "./use-task-actions";

export interface TaskItemProps {
  task: TaskView;
  /** Resolves when the server has answered. */
  onToggle: (completed: boolean) => Promise<unknown>;
  onEdit: (fields: TaskEdit) => void;
  onDelete: () => void;
  /** The lists a task can be moved to (the details form offers them). */
  lists?: readonly ListChoice[];
}

/**
 * One task in TodoMVC's markup: `li` (`completed`, `editing`) > `.view` (`.toggle`, `label`, `.destroy`)
 * and `.edit`. Double-click the title to rename: Enter or leaving the field saves, Escape discards, an
 * emptied title deletes the task. Edit opens the details (notes, due day, priority).
 */
export function TaskItem({ task, onToggle, onEdit, onDelete, lists }: TaskItemProps) {
  const [draft, setDraft] = useState<string | null>(null);
  const [detailsOpen, setDetailsOpen] = useState(false);
  const editing = draft !== null;
  const toggle = usePendingChecked(task.completed, onToggle);
  // Removing the focused field fires one more blur with this render's draft: the edit must end once.
  const editClosed = useRef(true);

  function startEdit() {
    editClosed.current = false;
    setDraft(task.title);
  }

  function endEdit(save: boolean) {
    if (editClosed.current || draft === null) return;
    editClosed.current = true;
    setDraft(null);
    if (!save) return;
    const title = draft.trim();
    if (title === "") onDelete();
    else if (title !== task.title) onEdit({ title });
  }

  function onKeyDown(event: KeyboardEvent<HTMLInputElement>) {
    if (event.key === "Enter") endEdit(true);
    else if (event.key === "Escape") endEdit(false);
  }

  const classes = [task.completed && "completed", editing && "editing"].filter(Boolean).join(" ");

  return (
    <li data-testid="task-item" className={`${classes} group border-b border-slate-200 last:border-b-0 dark:border-slate-800`}>
      {editing ? (
        <input
          className="edit block w-full bg-white px-4 py-3 text-base outline-2 -outline-offset-2 outline-blue-500 dark:bg-slate-900"
          aria-label={`Rename "${task.title}"`}
          value={draft}
          maxLength={TASK_LIMITS.titleMax}
          autoFocus
          onChange={(e) => setDraft(e.target.value)}
          onKeyDown={onKeyDown}
          onBlur={() => endEdit(true)}
        />
      ) : (
        <div className="view flex items-center gap-3 px-4 py-3">
          <input
            type="checkbox"
            className="toggle size-5 shrink-0 accent-blue-600"
            checked={toggle.checked}
            aria-label={`Mark "${task.title}" as ${toggle.checked ? "not done" : "done"}`}
            onChange={(e) => toggle.onChange(e.target.checked)}
          />
          <div className="min-w-0 flex-1">
            <label
              className={`block cursor-text break-words ${toggle.checked ? "text-slate-500 line-through dark:text-slate-400" : ""}`}
              onDoubleClick={startEdit}
            >
              {task.title}
            </label>
            <TaskMeta task={task} />
          </div>
          <button
            type="button"
            className="rounded px-2 py-1 text-sm text-slate-500 hover:bg-slate-100 hover:text-slate-900 dark:text-slate-400 dark:hover:bg-slate-800 dark:hover:text-slate-100"
            aria-label={`Edit details of "${task.title}"`}
            aria-expanded={detailsOpen}
            onClick={() => setDetailsOpen((open) => !open)}
          >
            Edit
          </button>
          <button
            type="button"
            className="destroy rounded px-2 py-1 text-sm text-slate-500 hover:bg-red-50 hover:text-red-700 dark:text-slate-400 dark:hover:bg-red-950 dark:hover:text-red-300"
            aria-label={`Delete "${task.title}"`}
            onClick={onDelete}
          >
            Delete
          </button>
        </div>
      )}
      {detailsOpen && !editing && <TaskDetailsForm task={task} lists={lists} onSave={onEdit} onClose={() => setDetailsOpen(false)} />}
    </li>
  );
}
