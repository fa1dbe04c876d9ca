"use client";

import { useState } from "react";

/**
 * A checkbox that flips in the click itself while its change is on its way.
 *
 * React restores a controlled checkbox to its props at the end of the event, and a query-cache update
 * reaches the component only on a later tick: without this, the box flickers back. The pending value
 * is kept until `change` settles, by which time the cache holds the result (or the rollback).
 */
export function usePendingChecked(checked: boolean, change: (next: boolean) => Promise<unknown>) {
  const [pending, setPending] = useState<boolean | null>(null);
  return {
    checked: pending ?? checked,
    onChange: (next: boolean) => {
      setPending(next);
      void change(next).finally(() => setPending(null));
    },
  };
}
