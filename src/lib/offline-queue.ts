import { dehydrate, hydrate, type DehydratedState, type Mutation, type QueryClient } from "@tanstack/react-query";
import superjson from "superjson";
import { isQueued, isWaiting, type PendingIds } from "./mutation-queue";
import { noteRefusedOffline, reportRefusedOffline } from "./offline-refusals";

const STORAGE_PREFIX = "tasks-offline-queue:";
const LOCK_PREFIX = "tasks-offline-queue-";

interface SavedQueue {
  mutations: DehydratedState["mutations"];
  ids: [string, string][];
}

export interface OfflineQueueOptions {
  queryClient: QueryClient;
  ids: PendingIds;
  /** Whose changes: a page takes over only its own user's. */
  userId: string;
}

/**
 * Keeps the changes this page has not sent yet (made offline, or waiting behind one on its way, or
 * between tries: `isWaiting`, and from then on until answered) in `localStorage`, as TanStack Query
 * dehydrates mutations, under this user and this page. A reload or a closed tab does not lose them: the
 * next page of the same user in this browser takes them over and sends them, in order, when it is
 * online. Each page holds a Web Lock while it lives, so a saved queue is taken only once its page is
 * gone, and by one page only.
 *
 * The changes' functions come from the query client's defaults (src/lib/mutation-queue.ts), so restored
 * ones run like the page's own. Refusals among them are reported once (src/lib/offline-refusals.ts),
 * and once they are all answered the page fetches what it shows again.
 *
 * @returns a function that stops saving (what is saved stays for the next page).
 */
export function persistOfflineQueue({ queryClient, ids, userId }: OfflineQueueOptions): () => void {
  const pageId = crypto.randomUUID();
  const ownKey = `${STORAGE_PREFIX}${userId}:${pageId}`;
  const stopped = new AbortController();
  const locks = typeof navigator !== "undefined" ? navigator.locks : undefined;
  void locks
    ?.request(`${LOCK_PREFIX}${pageId}`, { signal: stopped.signal }, () => new Promise<void>((resolve) => stopped.signal.addEventListener("abort", () => resolve())))
    .catch(() => {});

  /**
   * Changes that have waited (or were restored): saved until they are answered, also while they are
   * being sent again (the network back, or a retry), for the tab may close before they arrive.
   */
  const waited = new WeakSet<Mutation>();
  const shouldSave = (m: Mutation) => isQueued(m) && m.state.status === "pending" && (waited.has(m) || m.meta?.restored === true);

  const save = () => {
    const dehydrated = dehydrate(queryClient, { shouldDehydrateQuery: () => false, shouldDehydrateMutation: shouldSave });
    // Only what sending needs: the inputs. A change's context (this page's snapshot for an undo) stays
    // here. One between tries, or being sent, is saved as paused, so the next page resumes it like the
    // others; if it did arrive, a create sent again still makes one task (its idempotency key).
    const mutations = dehydrated.mutations.map((m) => ({ ...m, state: { ...m.state, context: undefined, isPaused: true } }));
    try {
      if (mutations.length === 0) localStorage.removeItem(ownKey);
      else localStorage.setItem(ownKey, superjson.stringify({ mutations, ids: ids.entries() } satisfies SavedQueue));
    } catch {
      // Storage full or disabled: the changes stay in this page only.
    }
  };

  /** Restored changes not yet answered: when the last one is, the page refetches and reports refusals. */
  let restoredPending = 0;
  const unsubscribe = queryClient.getMutationCache().subscribe((event) => {
    if (event.mutation && isWaiting(event.mutation)) waited.add(event.mutation);
    save();
    if (event.type !== "updated" || event.mutation.meta?.restored !== true) return;
    const { type } = event.action;
    if (type !== "success" && type !== "error") return;
    if (type === "error") noteRefusedOffline(event.action.error);
    restoredPending -= 1;
    if (restoredPending === 0) {
      reportRefusedOffline();
      void queryClient.invalidateQueries();
    }
  });
  ids.onChange(save);

  /** Hydrates the changes another page saved under `key` (and removes them there); whether there were any. */
  const take = (key: string): boolean => {
    const raw = localStorage.getItem(key);
    localStorage.removeItem(key);
    if (!raw) return false;
    let saved: SavedQueue;
    try {
      saved = superjson.parse<SavedQueue>(raw);
    } catch {
      return false; // not ours to understand (an older version): dropped
    }
    ids.merge(saved.ids);
    const mutations = saved.mutations.filter((m) => m.mutationKey?.[0] === "queued");
    restoredPending += mutations.length;
    hydrate(queryClient, { queries: [], mutations: mutations.map((m) => ({ ...m, meta: { ...m.meta, restored: true } })) });
    return mutations.length > 0;
  };
  const claim = (key: string) => {
    if (!stopped.signal.aborted && take(key)) void queryClient.resumePausedMutations();
  };

  for (const key of Object.keys(localStorage).filter((k) => k.startsWith(`${STORAGE_PREFIX}${userId}:`) && k !== ownKey)) {
    // Its page's lock: free once that page is gone (at once, or when a page still closing lets go); while
    // that page is open it sends its own changes, and whatever it leaves saved when it closes comes here.
    const lock = `${LOCK_PREFIX}${key.slice(key.lastIndexOf(":") + 1)}`;
    if (locks) void locks.request(lock, { signal: stopped.signal }, () => claim(key)).catch(() => {});
    else claim(key);
  }

  return () => {
    unsubscribe();
    stopped.abort();
  };
}

/** Forgets every change saved for `userId` in this browser (signing out). */
export function dropOfflineQueue(userId: string): void {
  for (const key of Object.keys(localStorage)) if (key.startsWith(`${STORAGE_PREFIX}${userId}:`)) localStorage.removeItem(key);
}
