import { useMutation, type Mutation, type QueryClient } from "@tanstack/react-query";
import type { TRPCClient } from "@trpc/client";
import type { AppRouter, RouterInputs } from "@/server/trpc/routers/_app";

/** Ids of tasks shown before the server has created them start with this. */
export const PENDING_PREFIX = "pending:";

/** A new task, with the temporary id it is shown with until the server answers. */
type CreateTask = RouterInputs["task"]["create"] & { pendingId: string };

/**
 * Every change the page makes, by name: what it sends. They run as React Query mutations whose
 * function comes from the query client's defaults (not from the component), so a change queued while
 * offline can be saved, restored after a reload and sent then (src/lib/offline-queue.ts).
 */
function queuedMutations(api: TRPCClient<AppRouter>, ids: PendingIds) {
  return {
    "task.create": async ({ pendingId, ...input }: CreateTask) => {
      const task = await api.task.create.mutate(input);
      ids.set(pendingId, task.id);
      return task;
    },
    "task.update": async (input: RouterInputs["task"]["update"]) => api.task.update.mutate({ ...input, id: ids.resolve(input.id) }),
    "task.delete": async (input: RouterInputs["task"]["delete"]) => api.task.delete.mutate({ id: ids.resolve(input.id) }),
    "task.move": async (input: RouterInputs["task"]["move"]) => api.task.move.mutate({ id: ids.resolve(input.id), afterId: input.afterId && ids.resolve(input.afterId) }),
    "task.skipOccurrence": async (input: RouterInputs["task"]["skipOccurrence"]) => api.task.skipOccurrence.mutate({ id: ids.resolve(input.id) }),
    "task.undoOccurrence": async (input: RouterInputs["task"]["undoOccurrence"]) => api.task.undoOccurrence.mutate({ id: ids.resolve(input.id) }),
    "task.restore": async (input: RouterInputs["task"]["restore"]) => api.task.restore.mutate({ id: ids.resolve(input.id) }),
    "task.toggleAll": (input: RouterInputs["task"]["toggleAll"]) => api.task.toggleAll.mutate(input),
    "task.clearCompleted": (input: RouterInputs["task"]["clearCompleted"]) => api.task.clearCompleted.mutate(input),
    "task.restoreBatch": (input: RouterInputs["task"]["restoreBatch"]) => api.task.restoreBatch.mutate(input),
    "list.create": (input: RouterInputs["list"]["create"]) => api.list.create.mutate(input),
    "list.rename": (input: RouterInputs["list"]["rename"]) => api.list.rename.mutate(input),
    "list.delete": (input: RouterInputs["list"]["delete"]) => api.list.delete.mutate(input),
    "list.restore": (input: RouterInputs["list"]["restore"]) => api.list.restore.mutate(input),
    "label.create": (input: RouterInputs["label"]["create"]) => api.label.create.mutate(input),
    "label.update": (input: RouterInputs["label"]["update"]) => api.label.update.mutate(input),
    "label.delete": (input: RouterInputs["label"]["delete"]) => api.label.delete.mutate(input),
    "subtask.create": (input: RouterInputs["subtask"]["create"]) => api.subtask.create.mutate(input),
    "subtask.update": (input: RouterInputs["subtask"]["update"]) => api.subtask.update.mutate(input),
    "subtask.move": (input: RouterInputs["subtask"]["move"]) => api.subtask.move.mutate(input),
    "subtask.delete": (input: RouterInputs["subtask"]["delete"]) => api.subtask.delete.mutate(input),
  } satisfies Record<string, (input: never) => Promise<unknown>>;
}

type QueuedMutations = ReturnType<typeof queuedMutations>;
/** The name of a change the page can queue. */
export type QueuedName = keyof QueuedMutations;
type VariablesOf<K extends QueuedName> = Parameters<QueuedMutations[K]>[0];
type DataOf<K extends QueuedName> = Awaited<ReturnType<QueuedMutations[K]>>;

const KEY_ROOT = "queued";
const keyOf = (name: QueuedName) => [KEY_ROOT, name] as const;

/** Whether `mutation` is one of the page's queued changes. */
export const isQueued = (mutation: Pick<Mutation, "options">) => mutation.options.mutationKey?.[0] === KEY_ROOT;

/**
 * Whether `mutation` is a queued change waiting to be sent (again): paused (offline, or behind an
 * earlier change), or between tries after the network dropped its request (the browser may learn it is
 * offline only later, or never). These are saved for the next visit (src/lib/offline-queue.ts), so
 * closing the tab loses none of them and need not ask; a change on its first try may not have left yet.
 */
export const isWaiting = (mutation: Pick<Mutation, "options" | "state">) =>
  isQueued(mutation) && mutation.state.status === "pending" && (mutation.state.isPaused || mutation.state.failureCount > 0);

/** Raised when a change was made to a task whose creation the server refused. */
export class TaskNeverCreatedError extends Error {
  constructor() {
    super("Task not found: it was never created");
    this.name = "TaskNeverCreatedError";
  }
}

/**
 * The server's ids of tasks shown before it had created them. A change to such a task is queued with
 * the temporary id and sent with the real one: its creation is ahead of it in the queue.
 */
export class PendingIds {
  readonly #ids = new Map<string, string>();
  #onChange: () => void = () => {};

  set(pendingId: string, id: string) {
    this.#ids.set(pendingId, id);
    this.#onChange();
  }

  /** `id`, or the server's id for a temporary one. */
  resolve(id: string): string {
    if (!id.startsWith(PENDING_PREFIX)) return id;
    const created = this.#ids.get(id);
    if (!created) throw new TaskNeverCreatedError();
    return created;
  }

  /** What to save, and what to take back from a save. */
  entries = () => [...this.#ids];
  merge(entries: readonly (readonly [string, string])[]) {
    for (const [pendingId, id] of entries) this.#ids.set(pendingId, id);
  }
  onChange(listener: () => void) {
    this.#onChange = listener;
  }
}

const pendingIdsOf = new WeakMap<QueryClient, PendingIds>();

/** Gives every queued change its function, sending through `api` (once per query client). */
export function installQueuedMutations(queryClient: QueryClient, api: TRPCClient<AppRouter>): void {
  const ids = new PendingIds();
  pendingIdsOf.set(queryClient, ids);
  for (const [name, mutationFn] of Object.entries(queuedMutations(api, ids))) {
    queryClient.setMutationDefaults(keyOf(name as QueuedName), { mutationFn: mutationFn as (input: unknown) => Promise<unknown> });
  }
}

/** The temporary ids `queryClient`'s queued changes resolve (see {@link installQueuedMutations}). */
export function pendingIds(queryClient: QueryClient): PendingIds {
  const ids = pendingIdsOf.get(queryClient);
  if (!ids) throw new Error("installQueuedMutations() was not called for this query client");
  return ids;
}

/**
 * A queued change as a React Query mutation (`mutateAsync(input)`), typed by its name. With a `scope`,
 * changes of that scope are sent one at a time in the order they were made.
 */
export function useQueuedMutation<K extends QueuedName>(name: K, { scope, onError }: { scope?: { id: string }; onError?: (error: unknown) => void } = {}) {
  return useMutation<DataOf<K>, unknown, VariablesOf<K>>({ mutationKey: keyOf(name), scope, onError });
}
