import { sql } from "kysely";
import superjson from "superjson";
import type { SyncEvent } from "@/shared/sync-events";
import type { Db } from "../db";

/** The PostgreSQL channel a commit with changes notifies (payload: the user's id). */
export const CHANGE_CHANNEL = "change_log";

/** How a repository records the changes it makes, in its own transaction. */
export interface ChangeRecorder {
  /** Appends `events` to the user's change log in `trx` (which must be the writing transaction). */
  record(trx: Db, userId: string, events: readonly SyncEvent[]): Promise<void>;
}

/** What the change log needs to know. */
export interface ChangeLogOptions {
  dialect: "sqlite" | "postgres";
  /** Entries older than this are pruned (`SYNC_RETENTION_SECONDS`). */
  retentionSeconds: number;
  clock?: () => Date;
}

/**
 * The per-user change log (tables `sync_cursor`, `change_log`). `record` numbers a user's changes in
 * the writing transaction (the cursor row's lock orders them, and so does SQLite's one writer), so an
 * acknowledged change always has its entry and a reader sees entries in commit order. On PostgreSQL it
 * also `pg_notify`s, which reaches every instance at commit (src/server/sync/notifier.ts).
 */
export function createChangeLog({ dialect, retentionSeconds, clock = () => new Date() }: ChangeLogOptions) {
  const cutoff = () => new Date(clock().getTime() - retentionSeconds * 1000).toISOString();
  /** On PostgreSQL, tells every instance's LISTEN connection (at `db`'s commit, if it is a transaction). */
  const notifyInstances = async (db: Db, userId: string) => {
    if (dialect === "postgres") await sql`select pg_notify(${CHANGE_CHANNEL}, ${userId})`.execute(db);
  };
  /** The number of the user's last change (0: none yet). */
  const latest = async (db: Db, userId: string): Promise<number> => {
    const cursor = await db.selectFrom("sync_cursor").select("last_seq").where("user_id", "=", userId).executeTakeFirst();
    return Number(cursor?.last_seq ?? 0);
  };
  return {
    /**
     * The number of the user's last change: a page rendered with data read after it resumes
     * `sync.changes` from there (`lastEventId`) and misses nothing made while it loads.
     */
    latest,

    async record(trx, userId, events) {
      if (events.length === 0) return;
      const cursor = await trx
        .insertInto("sync_cursor")
        .values({ user_id: userId, last_seq: events.length })
        .onConflict((oc) => oc.column("user_id").doUpdateSet({ last_seq: sql<number>`sync_cursor.last_seq + ${events.length}` }))
        .returning("last_seq")
        .executeTakeFirstOrThrow();
      const first = Number(cursor.last_seq) - events.length + 1;
      const now = clock().toISOString();
      await trx
        .insertInto("change_log")
        .values(events.map((event, i) => ({ user_id: userId, seq: first + i, event: superjson.stringify(event), created_at: now })))
        .execute();
      await trx.deleteFrom("change_log").where("user_id", "=", userId).where("created_at", "<", cutoff()).execute();
      await notifyInstances(trx, userId);
    },

    /** Wakes the user's streams on every instance without a change (a session ended): on PostgreSQL, a NOTIFY now. */
    wakeEverywhere: (db: Db, userId: string): Promise<void> => notifyInstances(db, userId),

    /** The user's changes after `seq`, oldest first, at most `limit`. */
    async after(db: Db, userId: string, seq: number, limit: number): Promise<{ seq: number; event: SyncEvent }[]> {
      const rows = await db
        .selectFrom("change_log")
        .select(["seq", "event"])
        .where("user_id", "=", userId)
        .where("seq", ">", seq)
        .where("created_at", ">=", cutoff())
        .orderBy("seq")
        .limit(limit)
        .execute();
      return rows.map((row) => ({ seq: Number(row.seq), event: superjson.parse<SyncEvent>(row.event) }));
    },

    /**
     * Where a stream resuming after `lastEventId` starts: `{ from }` when every later change is still in
     * the log, or `{ resync }` (with the user's last number) when the id is unknown, not this user's
     * (ids are per user, so another user's simply does not fit), or older than the log reaches.
     */
    async resumeFrom(db: Db, userId: string, lastEventId: string | null | undefined): Promise<{ from: number } | { resync: number }> {
      const last = await latest(db, userId);
      if (lastEventId === null || lastEventId === undefined) return { from: last };
      if (!/^\d{1,15}$/.test(lastEventId)) return { resync: last };
      const seq = Number(lastEventId);
      if (seq > last) return { resync: last };
      if (seq === last) return { from: seq };
      // Every change after `seq` must still be there: the next one, at least.
      const next = await db
        .selectFrom("change_log")
        .select("seq")
        .where("user_id", "=", userId)
        .where("seq", "=", seq + 1)
        .where("created_at", ">=", cutoff())
        .executeTakeFirst();
      return next ? { from: seq } : { resync: last };
    },
  } satisfies ChangeRecorder & Record<string, unknown>;
}

/** The change log the app runs with. */
export type ChangeLog = ReturnType<typeof createChangeLog>;
