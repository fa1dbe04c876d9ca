import type { List } from "../server/lists/list-repository";
import type { Task } from "../server/tasks/task-repository";

/**
 * What `sync.changes` streams: enough for a client to patch its cache without refetching, or `resync`
 * when it must refetch (its `lastEventId` is older than the log or unknown, or a bulk operation changed
 * many rows at once: toggleAll, clearCompleted, a list deleted or restored with its tasks, an import).
 * Every event goes out as `tracked(id, event)`: its SSE `id:` is the number of the user's change.
 */
export type SyncEvent =
  | { type: "task.upserted"; task: Task }
  | { type: "task.deleted"; id: string }
  | { type: "list.upserted"; list: List }
  | { type: "list.deleted"; id: string }
  | { type: "resync" };

/** The event types, in the order the contract lists them. */
export const SYNC_EVENT_TYPES = ["task.upserted", "task.deleted", "list.upserted", "list.deleted", "resync"] as const;
