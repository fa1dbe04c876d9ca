import { EventEmitter } from "node:events";
import pg from "pg";
import { CHANGE_CHANNEL } from "./change-log";

/** The `application_name` of each instance's LISTEN connection. */
export const LISTEN_APPLICATION_NAME = "tasks-sync-listen";

/** Wakes the streams of a user whose change log has grown. A wake-up carries no data: streams read the log. */
export interface ChangeNotifier {
  /** After a commit with changes of `userId`, in this process. */
  notify(userId: string): void;
  /** Calls `listener` on every wake-up for `userId` (and for everyone after a lost connection); returns the unsubscribe. */
  subscribe(userId: string, listener: () => void): () => void;
  close(): Promise<void>;
}

/** Every user's wake-ups, in this process only (SQLite: one process serves the database). */
export function createLocalNotifier(): ChangeNotifier & { wakeAll(): void } {
  const emitter = new EventEmitter();
  emitter.setMaxListeners(0); // one listener per open stream, bounded by SYNC_MAX_STREAMS_PER_USER per user
  const ALL = Symbol("all");
  return {
    notify: (userId) => void emitter.emit(userId),
    subscribe(userId, listener) {
      emitter.on(userId, listener);
      emitter.on(ALL, listener);
      return () => {
        emitter.off(userId, listener);
        emitter.off(ALL, listener);
      };
    },
    wakeAll: () => void emitter.emit(ALL),
    close: async () => void emitter.removeAllListeners(),
  };
}

/**
 * Wake-ups across instances: one `LISTEN change_log` connection per process (opened with the first
 * stream), fed by the `pg_notify` each writing transaction sends at commit. NOTIFY has no replay, so a
 * dropped connection is reopened (after 1 s, then backing off to 30 s) and then wakes every stream, which
 * read the log from where they are: nothing is lost, and payloads stay tiny (a user id).
 */
export function createPostgresNotifier(connectionString: string): ChangeNotifier {
  const local = createLocalNotifier();
  let client: pg.Client | null = null;
  let connecting: Promise<void> | null = null;
  let retry: NodeJS.Timeout | null = null;
  let closed = false;
  let retryMs = 1_000;

  const connect = (): Promise<void> => {
    connecting ??= (async () => {
      // Named, so an operator can tell it apart in pg_stat_activity (and a test can cut it).
      const next = new pg.Client({ connectionString, application_name: LISTEN_APPLICATION_NAME });
      client = next;
      next.on("notification", (message) => {
        if (message.channel === CHANGE_CHANNEL && message.payload) local.notify(message.payload);
      });
      next.on("error", (error) => {
        console.error("[sync] the LISTEN connection failed:", error.message);
        reconnect(next);
      });
      next.on("end", () => reconnect(next));
      await next.connect();
      await next.query(`listen ${CHANGE_CHANNEL}`);
      retryMs = 1_000;
      local.wakeAll(); // anything committed while there was no connection
    })().catch((error: Error) => {
      console.error("[sync] cannot LISTEN for changes:", error.message);
      reconnect(client);
    });
    return connecting;
  };
  /** Drops `failed` (once, whichever of its events comes first) and tries again later. */
  const reconnect = (failed: pg.Client | null) => {
    if (closed || failed !== client || retry) return;
    client = null;
    connecting = null;
    failed?.removeAllListeners();
    failed?.on("error", () => {}); // an ended client may still report
    void failed?.end().catch(() => {});
    retry = setTimeout(() => {
      retry = null;
      void connect();
    }, retryMs);
    retry.unref();
    retryMs = Math.min(30_000, retryMs * 2);
  };

  return {
    // The commit's pg_notify reaches this process through LISTEN too; waking at once saves the round trip.
    notify: (userId) => local.notify(userId),
    subscribe(userId, listener) {
      if (!closed) void connect();
      return local.subscribe(userId, listener);
    },
    async close() {
      closed = true;
      if (retry) clearTimeout(retry);
      await local.close();
      await client?.end().catch(() => {});
    },
  };
}
