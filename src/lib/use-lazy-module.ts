"use client";

import { useEffect, useState } from "react";

/** Loads a module on first use; `loaded` holds it once it has come. */
export interface LazyModule<T> {
  (): Promise<T>;
  loaded?: T;
}

/** A module loaded on first use: the same promise for every caller, and a fresh try after a failed fetch. */
export function lazyModule<T>(load: () => Promise<T>): LazyModule<T> {
  let loading: Promise<T> | undefined;
  const get: LazyModule<T> = () =>
    (loading ??= load().then(
      (module) => (get.loaded = module),
      (error: unknown) => {
        loading = undefined;
        throw error;
      },
    ));
  return get;
}

/**
 * The module `load` gives, once `wanted` (undefined until then and while it loads; at once if it has
 * come already); `failed` when it could not be fetched (offline, say), in which case it is tried again
 * when the browser is back online.
 */
export function useLazyModule<T>(load: LazyModule<T>, wanted: boolean): { module: T | undefined; failed: boolean } {
  const [state, setState] = useState<{ module: T | undefined; failed: boolean }>({ module: undefined, failed: false });
  const [attempt, setAttempt] = useState(0);
  // Already fetched (the prefetch at idle, another row): shown in this very render, with no empty frame.
  const ready = state.module ?? (wanted ? load.loaded : undefined);
  const loaded = ready !== undefined;
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
  return loaded ? { module: ready, failed: false } : state;
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
