/**
 * Toasts, with sonner loaded on the first one or at idle after the page has loaded (`<Toasts />`): it is
 * not in any page's first load. The same calls as
 * sonner's `toast`, `toast.error` and `toast.success`; `<Toasts />` (src/components/toasts.tsx) mounts
 * sonner's `Toaster` once the first toast asks for it, and sonner shows toasts made before its Toaster
 * subscribed. A toast whose code cannot be fetched (offline, say) is shown when the browser is back online.
 */
import type { ExternalToast } from "sonner";
import type * as SonnerModule from "sonner";
import { lazyModule } from "./use-lazy-module";

type Sonner = typeof SonnerModule;
/** What sonner's `toast` accepts as the message. */
export type ToastMessage = Parameters<Sonner["toast"]>[0];

const whenLoaded = new Set<(module: Sonner) => void>();

/** Loads sonner once (again after a failed fetch) and hands it to whoever waits for it. */
export const loadSonner = lazyModule(async () => {
  const sonner = await import("sonner");
  for (const listener of whenLoaded) listener(sonner);
  return sonner;
});

/** Calls `listener` with sonner once a toast (or the prefetch) has loaded it, at once if it has. */
export function onToastsLoaded(listener: (module: Sonner) => void): () => void {
  if (loadSonner.loaded) listener(loadSonner.loaded);
  whenLoaded.add(listener);
  return () => whenLoaded.delete(listener);
}

function show(kind: "message" | "error" | "success", message: ToastMessage, options?: ExternalToast): void {
  loadSonner().then(
    ({ toast: sonnerToast }) => {
      if (kind === "message") sonnerToast(message, options);
      else sonnerToast[kind](message, options);
    },
    () => window.addEventListener("online", () => show(kind, message, options), { once: true }),
  );
}

/** Shows a toast: `toast(message, options)`, `toast.error(…)`, `toast.success(…)`, as sonner's. */
export const toast = Object.assign((message: ToastMessage, options?: ExternalToast) => show("message", message, options), {
  error: (message: ToastMessage, options?: ExternalToast) => show("error", message, options),
  success: (message: ToastMessage, options?: ExternalToast) => show("success", message, options),
});
