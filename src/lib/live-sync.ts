import superjson from "superjson";
import type { SyncEvent } from "@/shared/sync-events";
import { accessTokens, NotSignedInError } from "./access-token";

/** Whether the page hears other clients' changes now. */
export type LiveStatus = "connecting" | "live" | "reconnecting";

export interface LiveSyncHandlers {
  /**
   * The user's last change this tab's data already has (the page's `syncCursor`), if known: the stream
   * resumes after it, and a tab that joins another's stream late refetches once if it missed a change.
   */
  after?: string | null;
  /** A change of this user's data, made anywhere (this tab included). */
  onEvent: (event: SyncEvent) => void;
  onStatus: (status: LiveStatus) => void;
  /** This browser's session ended (signed out in another tab, revoked from another device): this tab should leave. */
  onSignedOut: () => void;
}

const CHANNEL = "tasks-live-sync";
const LEADER_LOCK = "tasks-live-sync-leader";
/** After a refused or failed connection, wait this long before the next (the EventSource retries on its own otherwise). */
const RETRY_MS = 3_000;

type Message =
  | { kind: "event"; id: string; event: SyncEvent }
  /** `lastId`: the leader's last event: a tab that has less missed something before it joined. */
  | { kind: "status"; status: LiveStatus; lastId: number | null }
  | { kind: "hello" }
  | { kind: "signed-out" };

const RESYNC: SyncEvent = { type: "resync" };

/** Tells this browser's other tabs that the user signed out here, so they go to sign-in too. */
export function announceSignedOut(): void {
  if (typeof BroadcastChannel !== "function") return;
  const channel = new BroadcastChannel(CHANNEL);
  channel.postMessage({ kind: "signed-out" } satisfies Message);
  channel.close();
}

/**
 * Live sync for the browser: one `sync.changes` stream per browser, shared by its tabs. Browsers open
 * about six HTTP/1.1 connections per origin, so a stream per tab would hang the seventh tab: one tab
 * (the holder of a Web Lock) opens the stream and passes its events and status to the others over a
 * `BroadcastChannel`; when it closes, the lock passes to another tab, which opens the stream in turn.
 *
 * The stream is an EventSource from the `eventsource` package (a browser's own cannot send headers),
 * with the access token in `Authorization`, fetched again on every (re)connection: a stream ends at its
 * token's `exp` and comes back with a fresh one and its `Last-Event-ID`. Loaded on first use.
 *
 * @returns a function that stops it (this tab's part).
 */
export function startLiveSync({ after = null, onEvent, onStatus, onSignedOut }: LiveSyncHandlers): () => void {
  const stopped = new AbortController();
  const channel = typeof BroadcastChannel === "function" ? new BroadcastChannel(CHANNEL) : null;
  // The number of the last change this tab's data has: where its stream resumes, and what it skips.
  let seen = after !== null && /^\d{1,15}$/.test(after) ? Number(after) : null;
  const heard = (id: string, event: SyncEvent) => {
    const number = /^\d{1,15}$/.test(id) ? Number(id) : null;
    // Already in this tab's data (it was rendered after that change). A resync always counts: it resets the number.
    if (event.type !== "resync" && number !== null && seen !== null && number <= seen) return;
    if (number !== null) seen = number;
    onEvent(event);
  };
  let lastStatus: LiveStatus = "connecting";
  const statusMessage = (): Message => ({ kind: "status", status: lastStatus, lastId: seen });
  const status = (next: LiveStatus, share: boolean) => {
    lastStatus = next;
    onStatus(next);
    if (share) channel?.postMessage(statusMessage());
  };
  let leading = false;

  channel?.addEventListener("message", ({ data }: MessageEvent<Message>) => {
    if (data.kind === "event") heard(data.id, data.event);
    else if (data.kind === "status") {
      // The leader heard changes this tab's data does not have (made before this tab joined): refetch once.
      if (!leading && data.lastId !== null && seen !== null && data.lastId > seen) {
        seen = data.lastId;
        onEvent(RESYNC);
      }
      status(data.status, false);
    } else if (data.kind === "hello" && leading) channel.postMessage(statusMessage());
    else if (data.kind === "signed-out") onSignedOut();
  });
  channel?.postMessage({ kind: "hello" } satisfies Message);

  const lead = async () => {
    leading = true;
    const { EventSource } = await import("eventsource");
    await new Promise<void>((resolve) => {
      let source: InstanceType<typeof EventSource> | null = null;
      const open = () => {
        if (stopped.signal.aborted) return resolve();
        status(source ? "reconnecting" : "connecting", true);
        // From this tab's last change on: nothing made since its data was read (or the last stream ended) is missed.
        const url = `/api/trpc/sync.changes?input=${encodeURIComponent(JSON.stringify({ json: { lastEventId: seen === null ? null : String(seen) } }))}`;
        const next = new EventSource(url, {
          fetch: async (input, init) => {
            let token: string;
            try {
              token = await accessTokens.get();
            } catch (error) {
              // The session is gone (signed out, or revoked from another device): the server ended the stream
              // and refuses its token, and no new one comes. Every tab of this browser leaves.
              if (error instanceof NotSignedInError) {
                channel?.postMessage({ kind: "signed-out" } satisfies Message);
                onSignedOut();
              }
              throw error;
            }
            return fetch(input, { ...init, headers: { ...init?.headers, authorization: `Bearer ${token}` } });
          },
        });
        source = next;
        next.addEventListener("connected", () => status("live", true));
        next.addEventListener("message", ({ data, lastEventId }: MessageEvent<string>) => {
          const event = superjson.deserialize<SyncEvent>(JSON.parse(data) as never);
          heard(lastEventId, event);
          channel?.postMessage({ kind: "event", id: lastEventId, event } satisfies Message);
        });
        next.addEventListener("error", () => {
          // Reconnecting by itself (CONNECTING), or given up (CLOSED: refused, e.g. an expired token).
          status("reconnecting", true);
          if (next.readyState === next.CLOSED) {
            accessTokens.clear();
            setTimeout(open, RETRY_MS);
          }
        });
      };
      stopped.signal.addEventListener("abort", () => {
        source?.close();
        resolve();
      });
      open();
    });
  };

  if (typeof navigator !== "undefined" && navigator.locks) {
    // Held until this tab stops (or closes): the next tab waiting for it leads then.
    void navigator.locks.request(LEADER_LOCK, { signal: stopped.signal }, lead).catch(() => {});
  } else {
    void lead();
  }

  return () => {
    stopped.abort();
    channel?.close();
  };
}
