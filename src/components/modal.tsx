"use client";

import { useEffect, useRef, type ReactNode } from "react";

export interface ModalProps {
  /** The dialog's accessible name. */
  label: string;
  /** `alertdialog` for a confirmation that needs an answer. */
  role?: "dialog" | "alertdialog";
  /** Escape, or a button of the content: the owner unmounts the dialog. */
  onClose: () => void;
  /** `side`: a panel along the right edge (full width on a phone); `center`: a box in the middle. */
  placement?: "side" | "center";
  children: ReactNode;
}

/** A dialog's ordinary button (Cancel, the safe choice). */
export const DIALOG_BUTTON = "rounded-md border border-slate-300 px-3 py-1.5 text-sm hover:bg-slate-100 dark:border-slate-600 dark:hover:bg-slate-800";
/** A dialog's destructive button. */
export const DANGER_BUTTON = "rounded-md bg-danger px-3 py-1.5 text-sm font-medium text-white hover:bg-danger-strong";

const PLACEMENTS = {
  side: "m-0 ml-auto h-dvh max-h-none w-full max-w-lg overflow-y-auto border-l bg-slate-50 shadow-2xl dark:bg-slate-950",
  center: "m-auto w-[min(28rem,calc(100vw-2rem))] rounded-lg border bg-white p-5 shadow-xl dark:bg-slate-900",
} as const;

/**
 * A native modal `<dialog>`, open while it is mounted: it sits in the top layer, so nothing on the page
 * moves, keeps the focus inside, makes the rest inert and gives the focus back when it closes. Escape
 * asks the owner to close it (`onClose`) rather than closing it behind React's back. A field that wants
 * Escape for itself (undoing an edit) calls `preventDefault()` on the key. The element marked
 * `data-autofocus` takes the focus when it opens (else the first focusable one).
 */
export function Modal({ label, role = "dialog", onClose, placement = "center", children }: ModalProps) {
  const dialog = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const node = dialog.current;
    if (node && !node.open) {
      node.showModal();
      // React's autoFocus runs while the dialog is still closed (and unfocusable): mark the field instead.
      node.querySelector<HTMLElement>("[data-autofocus]")?.focus();
    }
    return () => node?.close();
  }, []);
  return (
    <dialog
      ref={dialog}
      role={role === "alertdialog" ? "alertdialog" : undefined}
      aria-label={label}
      aria-modal="true"
      onCancel={(event) => {
        event.preventDefault();
        onClose();
      }}
      className={`${PLACEMENTS[placement]} border-slate-200 text-slate-900 backdrop:bg-slate-900/40 dark:border-slate-700 dark:text-slate-100`}
    >
      {children}
    </dialog>
  );
}
