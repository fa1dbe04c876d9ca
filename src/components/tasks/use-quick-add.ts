"use client";

import { useCallback, useMemo, useRef, useState } from "react";
import type * as QuickAddModule from "@/shared/quick-add";

type Parser = typeof QuickAddModule;

/** What quick add could read: a marker, a digit, or a word of a date or a repeat (else the text is a plain title). */
export const MIGHT_PARSE =
  /[#!^\d]|\b(?:today|tonight|tomorrow|yesterday|now|noon|midnight|next|this|last|in|on|at|by|every|daily|weekly|biweekly|fortnight|monthly|yearly|annually|week|month|year|mon|tue|wed|thu|fri|sat|sun|jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)/i;
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
     * Reads `typed` with the dismissals made so far, and forgets them: at once when the parser is loaded,
     * or when the text has nothing quick add could read (a reload right after Enter must find the task
     * sent). Only a text that may hold a date, a marker or a repeat waits for the parser; one that cannot
     * load (offline before its first use) leaves the text a plain title.
     */
    read: (typed: string): QuickAddModule.QuickAdd | Promise<QuickAddModule.QuickAdd> => {
      setDismissed(new Set());
      const plain = { title: typed.trim(), tokens: [], labels: [] };
      if (parser) return parser.parseQuickAdd(typed, context);
      if (!MIGHT_PARSE.test(typed)) return plain;
      return load().then(
        (loaded) => loaded.parseQuickAdd(typed, context),
        () => plain,
      );
    },
  };
}
