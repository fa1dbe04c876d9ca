"use client";

import { useEffect, useState } from "react";
import type { Toaster as SonnerToaster } from "sonner";
import { loadSonner, onToastsLoaded } from "@/lib/toast";
import { prefetchWhenIdle } from "@/lib/use-lazy-module";

type ToasterComponent = typeof SonnerToaster;

/** Sonner's Toaster, mounted once the first toast (or the idle prefetch) has loaded it (src/lib/toast.ts): bottom right, clear of the list and the forms. */
export function Toasts() {
  const [Toaster, setToaster] = useState<ToasterComponent | null>(null);
  useEffect(() => onToastsLoaded((module) => setToaster(() => module.Toaster)), []);
  // Fetched at idle all the same: a toast made offline (a refusal, say) must not wait for the network.
  useEffect(() => prefetchWhenIdle(loadSonner), []);
  if (!Toaster) return null;
  // Long titles clamped to three lines.
  return <Toaster position="bottom-right" richColors closeButton toastOptions={{ classNames: { title: "line-clamp-3 break-words", description: "line-clamp-3 break-words" } }} />;
}
