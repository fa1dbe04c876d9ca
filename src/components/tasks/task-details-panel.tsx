"use client";

import type { ReactNode } from "react";
import { Modal } from "../modal";
import { TaskDetailsForm, type LabelChoice, type ListChoice } from "./task-details-form";
import type { TaskEdit, TaskView } from "./use-task-actions";

export interface TaskDetailsPanelProps {
  task: TaskView;
  lists?: readonly ListChoice[];
  labels?: readonly LabelChoice[];
  onSave: (fields: TaskEdit) => void;
  /** `pointer`: closed by a click (the × button, Save, Cancel) rather than by Escape. */
  onClose: (options?: { pointer: boolean }) => void;
  onSkip?: () => void;
  /** What shows under the form (the checklist). */
  extra?: ReactNode;
}

/**
 * A task's details in a modal side panel: the form, and what the page adds under it. Loaded when a
 * task's details first open (task-item.tsx): the list's first paint does not need it.
 */
export function TaskDetailsPanel({ task, lists, labels, onSave, onClose, onSkip, extra }: TaskDetailsPanelProps) {
  return (
    <Modal label={`Details of "${task.title}"`} placement="side" onClose={() => onClose({ pointer: false })}>
      <div className="sticky top-0 z-10 flex items-center justify-between border-b border-slate-200 bg-white px-4 py-2 dark:border-slate-800 dark:bg-slate-900">
        <h2 className="text-sm font-semibold text-slate-700 dark:text-slate-200">Task details</h2>
        <button
          type="button"
          className="inline-flex size-8 items-center justify-center rounded text-slate-500 hover:bg-slate-200 hover:text-slate-900 dark:text-slate-400 dark:hover:bg-slate-800 dark:hover:text-white"
          aria-label="Close the details"
          title="Close (Esc)"
          onClick={() => onClose()}
        >
          <svg aria-hidden="true" viewBox="0 0 20 20" className="size-4" fill="none" stroke="currentColor" strokeWidth="1.8" strokeLinecap="round">
            <path d="M5 5l10 10M15 5L5 15" />
          </svg>
        </button>
      </div>
      <TaskDetailsForm
        task={task}
        lists={lists}
        labels={labels}
        onSave={onSave}
        onClose={() => onClose()}
        onSkip={
          onSkip &&
          (() => {
            onSkip();
            onClose();
          })
        }
      />
      {extra}
    </Modal>
  );
}
