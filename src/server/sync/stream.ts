import { tracked, TRPCError, type TrackedEnvelope } from "@trpc/server";
import { TOKEN_FAILURE_MESSAGES } from "@/shared/token-verifier";
import type { SyncEvent } from "@/shared/sync-events";
import type { Db } from "../db";
import type { ChangeLog } from "./change-log";
import type { ChangeNotifier } from "./notifier";
import type { SharedReads } from "./shared-reads";
import { SESSION_ENDED_MESSAGE } from "../trpc/context";

/** Changes read from the log at once; a client far behind is served in pages, never all in memory. */
const PAGE = 100;
/** A stream checks at least this often that its user and session still exist (else it ends), idle or busy. */
const RECHECK_MS = 15_000;

export interface StreamChangesOptions {
  db: Db;
  log: ChangeLog;
  notifier: ChangeNotifier;
  /** Reads shared with this process's other streams of the user that were woken by the same change. */
  reads: SharedReads;
  /** How long a woken stream waits before it reads (`SYNC_COALESCE_MS`). */
  coalesceMs: number;
  userId: string;
  /** The session its token was issued for (`sid`), if it names one: signed out or revoked, the stream ends. */
  sessionId: string | null;
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
 * reading by sequence number makes a wake-up for something already read harmless. A wake-up that brings
 * no change makes it check that its user and session still exist: a session that ends (src/server/app.ts)
 * ends its streams.
 * Nothing is buffered per stream beyond one page: the log is the buffer, and a slow client only falls
 * behind in it. Streams woken by the same change share those reads (src/server/sync/shared-reads.ts).
 */
export async function* streamChanges({ db, log, notifier, reads, coalesceMs, userId, sessionId, lastEventId, signal }: StreamChangesOptions): AsyncGenerator<TrackedEnvelope<SyncEvent>> {
  let woken = false;
  let wake: (() => void) | null = null;
  let wokenAt = reads.now();
  const rouse = () => {
    woken = true;
    wokenAt = reads.now();
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

    let waited = false;
    let checkedAt = Date.now();
    while (!over()) {
      // Woken: a moment's wait lets a burst of commits be read, and their session checked, once.
      if (waited && coalesceMs > 0) await new Promise((resolve) => setTimeout(resolve, coalesceMs));
      woken = false;
      const page = await reads.read(`after:${userId}:${cursor}`, wokenAt, () => log.after(db, userId, cursor, PAGE));
      // A wake-up that brought no change is a session's end (src/server/app.ts), a lost LISTEN connection's
      // catch-up or the periodic recheck: then the stream checks its user and session, and with changes
      // flowing without a pause, every RECHECK_MS. Ended, it fails with UNAUTHORIZED (an error event), as a
      // reconnection with the same token would: a client then asks for a new token and finds it is signed out.
      if (!over() && ((waited && page.length === 0) || Date.now() - checkedAt >= RECHECK_MS)) {
        checkedAt = Date.now();
        if (!(await reads.read(`signed-in:${userId}:${sessionId}`, wokenAt, () => stillSignedIn(db, userId, sessionId)))) {
          throw new TRPCError({ code: "UNAUTHORIZED", message: sessionId === null ? TOKEN_FAILURE_MESSAGES.invalid : SESSION_ENDED_MESSAGE });
        }
      }
      waited = false;
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
      waited = true;
    }
  } finally {
    unsubscribe();
    signal?.removeEventListener("abort", rouse);
  }
}

/** Whether the user still exists and, if the token named one, its session too. */
async function stillSignedIn(db: Db, userId: string, sessionId: string | null): Promise<boolean> {
  const query =
    sessionId === null
      ? db.selectFrom("user").select("id").where("id", "=", userId)
      : db.selectFrom("session").select("id").where("id", "=", sessionId).where("userId", "=", userId);
  return (await query.executeTakeFirst()) !== undefined;
}
