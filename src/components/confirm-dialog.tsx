"use client";

import type { ReactNode } from "react";
import { DANGER_BUTTON, DIALOG_BUTTON, Modal } from "./modal";

/** One answer a confirmation offers besides Cancel. */
export interface ConfirmChoice {
  text: string;
  onSelect: () => void;
  /** The destructive answer: styled as a warning. */
  danger?: boolean;
}

export interface ConfirmDialogProps {
  /** The dialog's accessible name. */
  label: string;
  title: ReactNode;
  message: string;
  choices: readonly ConfirmChoice[];
  /** Cancel, Escape: the owner unmounts the dialog. */
  onCancel: () => void;
}

/** A question that needs an answer, in a modal alert dialog: Cancel (focused, the safe choice), then the choices. */
export function ConfirmDialog({ label, title, message, choices, onCancel }: ConfirmDialogProps) {
  return (
    <Modal role="alertdialog" label={label} onClose={onCancel}>
      <h2 className="text-base font-semibold">{title}</h2>
      <p className="mt-2 text-sm text-slate-600 dark:text-slate-300">{message}</p>
      <div className="mt-5 flex flex-wrap justify-end gap-2">
        <button type="button" data-autofocus className={DIALOG_BUTTON} onClick={onCancel}>
          Cancel
        </button>
        {choices.map((choice) => (
          <button key={choice.text} type="button" className={choice.danger ? DANGER_BUTTON : DIALOG_BUTTON} onClick={choice.onSelect}>
            {choice.text}
          </button>
        ))}
      </div>
    </Modal>
  );
}
