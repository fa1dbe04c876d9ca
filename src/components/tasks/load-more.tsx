"use client";

import { useEffect, useRef } from "react";

export interface LoadMoreProps {
  loading: boolean;
  onLoad: () => void;
}

/**
 * Infinite scroll: loads the next page when this button comes within a screen of the viewport.
 * The button itself stays, for keyboards and screen readers.
 */
export function LoadMore({ loading, onLoad }: LoadMoreProps) {
  const button = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    const element = button.current;
    if (!element || loading) return;
    const observer = new IntersectionObserver((entries) => entries.some((e) => e.isIntersecting) && onLoad(), {
      rootMargin: "0px 0px 100% 0px",
    });
    observer.observe(element);
    return () => observer.disconnect();
  }, [loading, onLoad]);

  return (
    <div className="border-t border-slate-200 p-3 text-center dark:border-slate-800">
      <button
        ref={button}
        type="button"
        onClick={onLoad}
        disabled={loading}
        className="rounded-md px-3 py-1.5 text-sm text-blue-600 hover:bg-blue-50 disabled:opacity-60 dark:text-blue-400 dark:hover:bg-slate-800"
      >
        {loading ? "Loading…" : "Load more"}
      </button>
    </div>
  );
}
