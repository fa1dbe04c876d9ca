"use client";

import { useEffect, useEffectEvent } from "react";
import { toast } from "@/lib/toast";
import { lazyModule, useLazyModule } from "@/lib/use-lazy-module";
import type { ConfirmDialogProps } from "./confirm-dialog";

/** The confirmation dialog (and the modal under it): not in the first load; fetched at idle (task-app.tsx) or when first asked. */
export const loadConfirmDialog = lazyModule(() => import("./confirm-dialog"));

/**
 * The confirmation dialog (confirm-dialog.tsx), loaded on first use. Asked for offline before the idle
 * prefetch brought it, it says so and cancels: nothing is deleted without the question.
 */
export function LazyConfirmDialog(props: ConfirmDialogProps) {
  const { module, failed } = useLazyModule(loadConfirmDialog, true);
  const giveUp = useEffectEvent(() => {
    toast.error("This question could not be loaded: try again once the connection is back");
    props.onCancel();
  });
  useEffect(() => {
    if (failed) giveUp();
  }, [failed]);
  return module ? <module.ConfirmDialog {...props} /> : null;
}
