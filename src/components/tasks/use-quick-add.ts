"use client";

import { useCallback, useMemo, useRef, useState } from "react";
import type * as QuickAddModule from "@/shared/quick-add";

type Parser = typeof QuickAddModule;
type Choices = { id: string; name: string }[] | undefined;

/**
 * The new-task field's quick add (src/shared/quick-add.ts) as the user types: what it recognises, and
 * which parts the user dismissed (their words stay in the title). The parser, with chrono-node, is not
 * in the page's first load: it loads on the first keystroke.
 */
export function useQuickAdd(text: string, labels: Choices, lists: Choices) {
  const [parser, setParser] = useState<Parser | null>(null);
  const [dismissed, setDismissed] = useState<ReadonlySet<string>>(() => new Set());
  const loading = useRef<Promise<Parser> | null>(null);

  const load = useCallback(() => {
    loading.current ??= import("@/shared/quick-add").then(
      (loaded) => {
        setParser(loaded);
        return loaded;
      },
      (error: unknown) => {
        loading.current = null; // offline before it ever loaded: tried again next time
        throw error;
      },
    );
    return loading.current;
  }, []);

  const context = useMemo(() => ({ labels, lists, dismissed }), [labels, lists, dismissed]);
  const parsed = useMemo(() => (parser && text.trim() !== "" ? parser.parseQuickAdd(text, context) : null), [parser, text, context]);

  return {
    /** What the text sets, once the parser is loaded (`null` before, or for an empty field). */
    parsed,
    /** Starts loading the parser (call on input). */
    load,
    /** Keeps a recognised part's words in the title. */
    dismiss: (key: string) => setDismissed((keys) => new Set([...keys, key])),
    /**
     * Reads `typed` with the dismissals made so far, and forgets them. At once, in the Enter's event:
     * a reload right after Enter must find the task sent. Before the parser has loaded (Enter within
     * moments of the first keystroke, or offline before its first use) the text is a plain title.
     */
    read: (typed: string): QuickAddModule.QuickAdd => {
      setDismissed(new Set());
      return parser ? parser.parseQuickAdd(typed, context) : { title: typed.trim(), tokens: [], labels: [] };
    },
  };
}
