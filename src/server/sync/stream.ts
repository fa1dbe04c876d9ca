import { tracked, type TrackedEnvelope } from "@trpc/server";
import type { SyncEvent } from "@/shared/sync-events";
import type { Db } from "../db";
import type { ChangeLog } from "./change-log";
import type { ChangeNotifier } from "./notifier";

/** Changes read from the log at once; a client far behind is served in pages, never all in memory. */
const PAGE = 100;
/** With nothing to read, a stream checks this often that its user still exists (a deleted user's streams end). */
const RECHECK_MS = 15_000;

export interface StreamChangesOptions {
  db: Db;
  log: ChangeLog;
  notifier: ChangeNotifier;
  userId: string;
  /** The id of the last event the client has (`tracked()`'s convention); none: from now on. */
  lastEventId: string | null | undefined;
  /** Ends the stream: the client left, or its token expired (the HTTP handler closes it then, src/server/trpc/handler.ts). */
  signal: AbortSignal | undefined;
}

/**
 * One user's changes, as `sync.changes` streams them: first every change after `lastEventId` still in
 * the log (or `resync` when the log no longer reaches back that far, or the id is not one of this user's),
 * then each new one as it commits, each once and in order, as `tracked(seq, event)`.
 *
 * It listens for wake-ups *before* reading the log, so a change committed between the two is not lost;
 * reading by sequence number makes a wake-up for something already read harmless. Nothing is buffered
 * per stream beyond one page: the log is the buffer, and a slow client only falls behind in it.
 */
export async function* streamChanges({ db, log, notifier, userId, lastEventId, signal }: StreamChangesOptions): AsyncGenerator<TrackedEnvelope<SyncEvent>> {
  let woken = false;
  let wake: (() => void) | null = null;
  const rouse = () => {
    woken = true;
    wake?.();
  };
  const unsubscribe = notifier.subscribe(userId, rouse);
  signal?.addEventListener("abort", rouse);
  const over = () => signal?.aborted === true;
  try {
    const start = await log.resumeFrom(db, userId, lastEventId);
    let cursor: number;
    if ("resync" in start) {
      yield tracked(String(start.resync), { type: "resync" });
      cursor = start.resync;
    } else cursor = start.from;

    while (!over()) {
      woken = false;
      const page = await log.after(db, userId, cursor, PAGE);
      for (const { seq, event } of page) {
        if (over()) return;
        yield tracked(String(seq), event);
        cursor = seq;
      }
      if (page.length === PAGE) continue;
      if (!woken) {
        await new Promise<void>((resolve) => {
          const recheck = setTimeout(resolve, RECHECK_MS);
          wake = () => {
            clearTimeout(recheck);
            resolve();
          };
        });
        wake = null;
      }
      if (!over() && !(await db.selectFrom("user").select("id").where("id", "=", userId).executeTakeFirst())) return;
    }
  } finally {
    unsubscribe();
    signal?.removeEventListener("abort", rouse);
  }
}
