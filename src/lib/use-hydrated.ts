"use client";

import { useSyncExternalStore } from "react";

const subscribe = () => () => {};

/**
 * `false` in the server render and during hydration, `true` once React handles events.
 *
 * Forms use it to stay inert until then: a form submitted before hydration would be sent by the
 * browser itself (a reload that loses the input, or a sign-in form putting the password in the URL).
 */
export function useHydrated(): boolean {
  return useSyncExternalStore(
    subscribe,
    () => true,
    () => false,
  );
}
