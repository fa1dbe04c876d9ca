"use client";

import { useEffect, useState } from "react";

/** A module loaded on first use: the same promise for every caller, and a fresh try after a failed fetch. */
export function lazyModule<T>(load: () => Promise<T>): () => Promise<T> {
  let loading: Promise<T> | undefined;
  return () =>
    (loading ??= load().catch((error: unknown) => {
      loading = undefined;
      throw error;
    }));
}

/**
 * The module `load` gives, once `wanted` (undefined until then and while it loads); `failed` when it could
 * not be fetched (offline, say), in which case it is tried again when the browser is back online.
 */
export function useLazyModule<T>(load: () => Promise<T>, wanted: boolean): { module: T | undefined; failed: boolean } {
  const [state, setState] = useState<{ module: T | undefined; failed: boolean }>({ module: undefined, failed: false });
  const [attempt, setAttempt] = useState(0);
  const loaded = state.module !== undefined;
  useEffect(() => {
    if (!wanted || loaded) return;
    let current = true;
    load().then(
      (module) => current && setState({ module, failed: false }),
      () => current && setState({ module: undefined, failed: true }),
    );
    const retry = () => setAttempt((n) => n + 1);
    window.addEventListener("online", retry);
    return () => {
      current = false;
      window.removeEventListener("online", retry);
    };
  }, [load, wanted, loaded, attempt]);
  return state;
}

/**
 * Fetches `load`'s module once the browser is idle after the page has loaded, so a module kept out of the
 * first load is still there when it is first needed offline. Returns the cancel function (for an effect).
 */
export function prefetchWhenIdle(load: () => Promise<unknown>): () => void {
  const fetchIt = () => void load().catch(() => undefined);
  if (typeof window.requestIdleCallback === "function") {
    const handle = window.requestIdleCallback(fetchIt, { timeout: 5_000 });
    return () => window.cancelIdleCallback(handle);
  }
  const handle = window.setTimeout(fetchIt, 2_000);
  return () => window.clearTimeout(handle);
}
