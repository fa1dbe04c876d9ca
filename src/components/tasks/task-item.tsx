"use client";

import { useEffect, useRef, useState, type CSSProperties, type KeyboardEvent, type MouseEvent, type ReactNode } from "react";
import { TASK_LIMITS } from "@/shared/task-fields";
import { CharacterLimit, isOverLimit } from "../character-limit";
import { lazyModule, useLazyModule } from "@/lib/use-lazy-module";
import type { LabelChoice, ListChoice } from "./task-details-form";
import { TaskMeta } from "./task-meta";
import { usePendingChecked } from "./use-pending-checked";
import type { TaskEdit, TaskView } from "./use-task-actions";

/** The details panel, fetched at idle after the first paint (task-app.tsx) or when the pointer or focus comes to an Edit button. */
export const loadDetailsPanel = lazyModule(() => import("./task-details-panel"));

/** How long Delete ignores clicks after the details close by a click: a row's Delete may now be under the pointer. */
const DELETE_GUARD_MS = 600;

export interface TaskItemProps {
  task: TaskView;
  /** Resolves when the server has answered. */
  onToggle: (completed: boolean) => Promise<unknown>;
  onEdit: (fields: TaskEdit) => void;
  onDelete: () => void;
  /** A repeating task: skip its current occurrence (the details offer it). */
  onSkip?: () => void;
  /** The lists a task can be moved to (the details form offers them). */
  lists?: readonly ListChoice[];
  /** The user's labels: the row shows the task's, the details form offers them all. */
  labels?: readonly LabelChoice[];
  /** What the open details show under the form (the page passes the checklist, which talks to the API itself). */
  detailsExtra?: (task: TaskView) => ReactNode;
  /** In My order, with drag and drop loaded: the row's place in the sortable list (sortable-task-list.tsx). */
  sortable?: SortableRow;
  /** The view shows several lists ("Every list"): the row says which list the task is in. */
  showList?: boolean;
}

/** What a sortable list gives each row: where it is while dragged, and the handle that drags it. */
export interface SortableRow {
  ref: (node: HTMLElement | null) => void;
  style: CSSProperties;
  handle: ReactNode;
  dragging: boolean;
}

/**
 * One task in TodoMVC's markup: `li` (`completed`, `editing`) > `.view` (`.toggle`, `label`, `.destroy`)
 * and `.edit`. Double-click the title to rename: Enter or leaving the field saves, Escape discards, an
 * emptied title deletes the task. Edit opens the details (notes, due day, priority).
 *
 * Closing the details moves the row's buttons under the pointer: for a moment after, Delete ignores
 * clicks, and always the second click of a double click, so a double-clicked Save cannot delete the
 * task. Focus stays in the row after an edit and moves to the next row after a delete.
 */
export function TaskItem({ task, onToggle, onEdit, onDelete: deleteTask, onSkip, lists, labels, detailsExtra, sortable, showList = false }: TaskItemProps) {
  const [draft, setDraft] = useState<string | null>(null);
  const [detailsOpen, setDetailsOpen] = useState(false);
  const row = useRef<HTMLLIElement>(null);
  const editButton = useRef<HTMLButtonElement>(null);
  const toggleInput = useRef<HTMLInputElement>(null);
  /** Until when (performance.now()) Delete ignores clicks: the row's layout just changed under the pointer. */
  const deleteGuardUntil = useRef(0);
  /** What gets the focus once the row shows its view again (after the details close or an edit ends). */
  const refocus = useRef<"toggle" | "edit" | null>(null);
  const titleTooLong = draft !== null && isOverLimit(draft.trim(), TASK_LIMITS.titleMax);
  const editing = draft !== null;
  const toggle = usePendingChecked(task.completed, onToggle);
  const details = useLazyModule(loadDetailsPanel, detailsOpen);
  // Removing the focused field fires one more blur with this render's draft: the edit must end once.
  const editClosed = useRef(true);

  function startEdit() {
    editClosed.current = false;
    setDraft(task.title);
  }

  useEffect(() => {
    if (draft !== null || detailsOpen || !refocus.current) return;
    (refocus.current === "toggle" ? toggleInput : editButton).current?.focus();
    refocus.current = null;
  }, [draft, detailsOpen]);

  function onDelete() {
    // The next row (or the one before, or the new-task field) takes the focus, not the page's body.
    const neighbour = row.current?.nextElementSibling ?? row.current?.previousElementSibling;
    const target = neighbour?.querySelector<HTMLElement>(".toggle") ?? document.querySelector<HTMLElement>(".new-todo");
    deleteTask();
    requestAnimationFrame(() => target?.focus());
  }

  function endEdit(save: boolean, { keyboard = false } = {}) {
    if (editClosed.current || draft === null) return;
    const title = draft.trim();
    // Too long: the field stays open with what was typed (and says why), instead of cutting it.
    if (save && isOverLimit(title, TASK_LIMITS.titleMax)) return;
    editClosed.current = true;
    setDraft(null);
    if (keyboard) refocus.current = "toggle";
    if (!save) return;
    if (title === "") onDelete();
    else if (title !== task.title) onEdit({ title });
  }

  function onKeyDown(event: KeyboardEvent<HTMLInputElement>) {
    if (event.key === "Enter") endEdit(true, { keyboard: true });
    else if (event.key === "Escape") endEdit(false, { keyboard: true });
  }

  /** `pointer`: closed by a click (Save, Cancel), whose double click's second half must not delete what is under it now. */
  function closeDetails({ pointer = true } = {}) {
    if (pointer) deleteGuardUntil.current = performance.now() + DELETE_GUARD_MS;
    refocus.current = "edit";
    setDetailsOpen(false);
  }

  function onDeleteClick(event: MouseEvent<HTMLButtonElement>) {
    // detail > 1: the second click of a double click. A keyboard press (detail 0) is never a stray click.
    if (event.detail > 1 || (event.detail === 1 && performance.now() < deleteGuardUntil.current)) return;
    onDelete();
  }

  const classes = [task.completed && "completed", editing && "editing"].filter(Boolean).join(" ");

  return (
    <li
      ref={(node) => {
        row.current = node;
        sortable?.ref(node);
      }}
      style={sortable?.style}
      data-testid="task-item"
      data-task-id={task.id}
      className={`${classes} group relative border-b border-slate-200 bg-white last:border-b-0 dark:border-slate-800 dark:bg-slate-900 ${sortable?.dragging ? "z-10 shadow-lg" : ""}`}
    >
      {editing ? (
        <input
          className="edit block w-full bg-white px-4 py-3 text-base outline-2 -outline-offset-2 outline-focus dark:bg-slate-900"
          aria-label={`Rename "${task.title}"`}
          value={draft}
          dir="auto"
          aria-invalid={titleTooLong ? true : undefined}
          aria-describedby={`title-count-${task.id}`}
          autoFocus
          onChange={(e) => setDraft(e.target.value)}
          onKeyDown={onKeyDown}
          onBlur={() => endEdit(true)}
        />
      ) : (
        <div className="view flex items-center gap-2 px-3 py-3 md:gap-3 md:px-4">
          {sortable?.handle}
          <input
            ref={toggleInput}
            type="checkbox"
            className="toggle relative z-[1] size-5 shrink-0 accent-brand"
            checked={toggle.checked}
            aria-label={`Mark "${task.title}" as ${toggle.checked ? "not done" : "done"}`}
            onChange={(e) => toggle.onChange(e.target.checked)}
          />
          <div className="min-w-0 flex-1">
            <label
              className={`line-clamp-3 cursor-text break-words ${toggle.checked ? "text-slate-500 line-through dark:text-slate-400" : ""}`}
              onDoubleClick={startEdit}
            >
              <bdi>{task.title}</bdi>
            </label>
            <TaskMeta task={task} labels={labels} list={showList ? lists?.find((l) => l.id === task.listId) : undefined} />
          </div>
          <button
            ref={editButton}
            type="button"
            className={`row-action row-open-on-touch hover:bg-slate-100 hover:text-slate-900 dark:hover:bg-slate-800 dark:hover:text-slate-100 ${detailsOpen ? "md:opacity-100" : ""}`}
            aria-label={`Edit details of "${task.title}"`}
            title="Edit details"
            aria-expanded={detailsOpen}
            onPointerEnter={() => void loadDetailsPanel().catch(() => undefined)}
            onFocus={() => void loadDetailsPanel().catch(() => undefined)}
            onClick={() => (detailsOpen ? closeDetails() : setDetailsOpen(true))}
          >
            <svg aria-hidden="true" viewBox="0 0 20 20" className="size-4" fill="none" stroke="currentColor" strokeWidth="1.6" strokeLinecap="round" strokeLinejoin="round">
              <path d="M13.5 3.5l3 3L7 16H4v-3z" />
              <path d="M11.5 5.5l3 3" />
            </svg>
          </button>
          <button
            type="button"
            className={`destroy relative z-[1] row-action hover:bg-red-50 hover:text-red-700 dark:hover:bg-red-950 dark:hover:text-red-300`}
            aria-label={`Delete "${task.title}"`}
            title="Delete"
            onClick={onDeleteClick}
          >
            <svg aria-hidden="true" viewBox="0 0 20 20" className="size-4" fill="none" stroke="currentColor" strokeWidth="1.6" strokeLinecap="round" strokeLinejoin="round">
              <path d="M3.5 5.5h13M8 5.5V4h4v1.5M5.5 5.5l.8 10.5h7.4l.8-10.5M8.5 8.5v5M11.5 8.5v5" />
            </svg>
          </button>
        </div>
      )}
      {editing && <CharacterLimit id={`title-count-${task.id}`} text={draft.trim()} max={TASK_LIMITS.titleMax} />}
      {detailsOpen && !editing && details.module && (
        <details.module.TaskDetailsPanel
          task={task}
          lists={lists}
          labels={labels}
          onSave={onEdit}
          onClose={closeDetails}
          onSkip={onSkip}
          extra={detailsExtra?.(task)}
        />
      )}
      {detailsOpen && !editing && details.failed && (
        <p role="alert" className="px-4 pb-3 text-sm text-danger">
          The details could not be loaded: they open once the connection is back.
        </p>
      )}
    </li>
  );
}
