"use client";

import { useId, useRef, useState, type FormEvent } from "react";
import { PRIORITIES, TASK_LIMITS, type Priority } from "@/shared/task-fields";
import { dayOf, dueDateFromDay, dueDateFromDayAndTime, timeOf } from "@/shared/task-view";
import type { LabelColor } from "@/shared/label-rules";
import { CharacterLimit, isOverLimit } from "../character-limit";
import { browserTimeZone } from "@/shared/browser-time-zone";
import { choiceOf, ruleOf } from "@/shared/repeat-presets";
import { RepeatField } from "./repeat-field";
import type { TaskEdit, TaskView } from "./use-task-actions";

const PRIORITY_LABELS: Record<Priority, string> = { none: "None", low: "Low", medium: "Medium", high: "High" };

/** A list the task can be moved to. */
export interface ListChoice {
  id: string;
  name: string;
}

/** A label the task can carry. */
export interface LabelChoice {
  id: string;
  name: string;
  color: LabelColor;
}

export interface TaskDetailsFormProps {
  task: TaskView;
  /** The user's lists; the form offers the Inbox and these. */
  lists?: readonly ListChoice[];
  /** The user's labels; the form offers each as a checkbox. */
  labels?: readonly LabelChoice[];
  onSave: (fields: TaskEdit) => void;
  onClose: () => void;
  /** A repeating task: skip its current occurrence (it moves to its next due date). */
  onSkip?: () => void;
}

/**
 * Edits a task's title, notes, due day, priority, list and labels; sends only what changed, once: a second
 * click on Save while the first closes the form sends nothing more. Text over a limit is kept as typed
 * and refused with a message, never cut. Escape is the dialog's (it calls `onClose`, like Cancel).
 */
export function TaskDetailsForm({ task, lists = [], labels = [], onSave, onClose, onSkip }: TaskDetailsFormProps) {
  const id = useId();
  const [title, setTitle] = useState(task.title);
  const [notes, setNotes] = useState(task.notes ?? "");
  const [due, setDue] = useState(task.dueDate ? dayOf(task.dueDate) : "");
  const [dueTime, setDueTime] = useState(task.dueDate && task.dueHasTime ? timeOf(task.dueDate) : "");
  const [priority, setPriority] = useState<Priority>(task.priority);
  const [listId, setListId] = useState(task.listId ?? "");
  const [labelIds, setLabelIds] = useState<readonly string[]>(task.labelIds);
  const [repeat, setRepeat] = useState(() => choiceOf(task.repeat?.rule ?? null, task.dueDate));
  const [fromCompletion, setFromCompletion] = useState(task.repeat?.fromCompletion ?? false);
  const [error, setError] = useState<string | null>(null);
  const submitted = useRef(false);
  const titleTooLong = isOverLimit(title.trim(), TASK_LIMITS.titleMax);
  const notesTooLong = isOverLimit(notes, TASK_LIMITS.notesMax);

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (submitted.current) return;
    if (title.trim() === "") {
      setError("The title must not be empty.");
      return;
    }
    if (titleTooLong || notesTooLong) {
      setError(`${titleTooLong ? "The title" : "The notes"} must be at most ${(titleTooLong ? TASK_LIMITS.titleMax : TASK_LIMITS.notesMax).toLocaleString("en-US")} characters: shorten ${titleTooLong ? "it" : "them"} to save.`);
      return;
    }
    submitted.current = true;
    const fields: TaskEdit = {};
    if (title.trim() !== task.title) fields.title = title.trim();
    const nextNotes = notes.trim() === "" ? null : notes;
    if (nextNotes !== task.notes) fields.notes = nextNotes;
    // A time without a day means nothing: the day decides. With one, the due moment is that local time.
    const nextHasTime = due !== "" && dueTime !== "";
    const nextDue = due === "" ? null : nextHasTime ? dueDateFromDayAndTime(due, dueTime) : dueDateFromDay(due);
    if ((nextDue?.getTime() ?? null) !== (task.dueDate?.getTime() ?? null) || (nextDue !== null && nextHasTime !== task.dueHasTime)) {
      fields.dueDate = nextDue;
      fields.dueHasTime = nextDue !== null && nextHasTime;
    }
    if (priority !== task.priority) fields.priority = priority;
    if ((listId || null) !== task.listId) fields.listId = listId || null;
    if ([...labelIds].sort().join() !== [...task.labelIds].sort().join()) fields.labelIds = [...labelIds].sort();
    // A repeat counts from the due day: none without one (the server stops it when the date goes).
    const rule = nextDue ? ruleOf(repeat, nextDue) : null;
    if (nextDue && (rule !== (task.repeat?.rule ?? null) || (rule !== null && fromCompletion !== task.repeat?.fromCompletion))) {
      fields.repeat = rule === null ? null : { rule, fromCompletion, timeZone: task.repeat?.timeZone ?? browserTimeZone() };
    }
    if (Object.keys(fields).length > 0) onSave(fields);
    onClose();
  }

  const labelClass = "block text-xs font-medium text-slate-600 dark:text-slate-400";
  const fieldClass = "mt-1 w-full rounded-md border border-slate-300 bg-white px-2 py-1.5 text-sm dark:border-slate-700 dark:bg-slate-900";

  return (
    <form
      onSubmit={onSubmit}
      aria-label={`Details of "${task.title}"`}
      className="grid gap-3 px-4 py-4 sm:grid-cols-2"
    >
      <div className="sm:col-span-2">
        <label htmlFor={`${id}-title`} className={labelClass}>Title</label>
        <input
          id={`${id}-title`}
          className={fieldClass}
          value={title}
          dir="auto"
          data-autofocus
          aria-invalid={error || titleTooLong ? true : undefined}
          aria-describedby={`${id}-title-count${error ? ` ${id}-error` : ""}`}
          onChange={(e) => setTitle(e.target.value)}
        />
        <CharacterLimit id={`${id}-title-count`} text={title.trim()} max={TASK_LIMITS.titleMax} />
        {error && <p id={`${id}-error`} role="alert" className="mt-1 text-xs text-red-600 dark:text-red-400">{error}</p>}
      </div>
      <div className="sm:col-span-2">
        <label htmlFor={`${id}-notes`} className={labelClass}>Notes</label>
        <textarea
          id={`${id}-notes`}
          className={fieldClass}
          rows={3}
          value={notes}
          dir="auto"
          aria-invalid={notesTooLong ? true : undefined}
          aria-describedby={`${id}-notes-count`}
          onChange={(e) => setNotes(e.target.value)}
        />
        <CharacterLimit id={`${id}-notes-count`} text={notes} max={TASK_LIMITS.notesMax} />
      </div>
      <div className="grid grid-cols-[1fr_auto] gap-2">
        <div>
          <label htmlFor={`${id}-due`} className={labelClass}>Due</label>
          <input id={`${id}-due`} type="date" className={fieldClass} value={due} onChange={(e) => setDue(e.target.value)} />
        </div>
        <div>
          <label htmlFor={`${id}-due-time`} className={labelClass}>Time (optional)</label>
          <input id={`${id}-due-time`} type="time" className={fieldClass} value={dueTime} disabled={due === ""} onChange={(e) => setDueTime(e.target.value)} />
        </div>
      </div>
      <RepeatField
        choice={repeat}
        fromCompletion={fromCompletion}
        due={due === "" ? null : dueDateFromDay(due)}
        onChange={(choice, fromDone) => {
          setRepeat(choice);
          setFromCompletion(fromDone);
        }}
        labelClass={labelClass}
        fieldClass={fieldClass}
      />
      <div>
        <label htmlFor={`${id}-priority`} className={labelClass}>Priority</label>
        <select id={`${id}-priority`} className={fieldClass} value={priority} onChange={(e) => setPriority(e.target.value as Priority)}>
          {PRIORITIES.map((p) => (
            <option key={p} value={p}>{PRIORITY_LABELS[p]}</option>
          ))}
        </select>
      </div>
      <div className="sm:col-span-2">
        <label htmlFor={`${id}-list`} className={labelClass}>List</label>
        <select id={`${id}-list`} className={fieldClass} value={listId} onChange={(e) => setListId(e.target.value)}>
          <option value="">Inbox</option>
          {lists.map((list) => (
            <option key={list.id} value={list.id} dir="auto">{list.name}</option>
          ))}
        </select>
      </div>
      {labels.length > 0 && (
        <fieldset className="sm:col-span-2">
          <legend className={labelClass}>Labels</legend>
          <div className="mt-1 flex flex-wrap gap-x-4 gap-y-1">
            {labels.map((label) => (
              <label key={label.id} className="flex items-center gap-1.5 text-sm">
                <input
                  type="checkbox"
                  className="size-4 accent-brand"
                  checked={labelIds.includes(label.id)}
                  onChange={(e) => setLabelIds(e.target.checked ? [...labelIds, label.id] : labelIds.filter((id) => id !== label.id))}
                />
                <bdi>#{label.name}</bdi>
              </label>
            ))}
          </div>
        </fieldset>
      )}
      <div className="flex justify-end gap-2 sm:col-span-2">
        {task.repeat && !task.completed && onSkip && (
          <button type="button" onClick={onSkip} className="mr-auto rounded-md px-3 py-1.5 text-sm hover:bg-slate-200 dark:hover:bg-slate-800">
            Skip this one
          </button>
        )}
        <button type="button" onClick={onClose} className="rounded-md px-3 py-1.5 text-sm hover:bg-slate-200 dark:hover:bg-slate-800">
          Cancel
        </button>
        <button type="submit" className="rounded-md bg-brand px-3 py-1.5 text-sm font-medium text-white hover:bg-brand-strong">
          Save
        </button>
      </div>
    </form>
  );
}
