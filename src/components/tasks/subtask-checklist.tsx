"use client";

import { useQueryClient, type InfiniteData, type QueryClient } from "@tanstack/react-query";
import { getQueryKey } from "@trpc/react-query";
import { useId, useRef, useState, type FormEvent, type KeyboardEvent } from "react";
import { toast } from "@/lib/toast";
import { errorMessage } from "@/lib/errors";
import { PENDING_PREFIX, useQueuedMutation } from "@/lib/mutation-queue";
import { usePendingChecked } from "./use-pending-checked";
import { api } from "@/lib/trpc";
import type { RouterOutputs } from "@/server/trpc/routers/_app";
import { TASK_LIMITS } from "@/shared/task-fields";
import { isolate } from "@/shared/text";

type Subtask = RouterOutputs["subtask"]["list"][number];
type TaskPage = RouterOutputs["task"]["list"];

/** The queue every checklist change goes through, in order. */
const SCOPE = "subtask-mutations";

/** Sets a task's checklist counts in every loaded `task.list` page, so its row's "2/5" follows at once. */
function patchCounts(queryClient: QueryClient, taskId: string, items: readonly Subtask[]) {
  const subtasks = { done: items.filter((item) => item.completed).length, total: items.length };
  queryClient.setQueriesData<InfiniteData<TaskPage>>({ queryKey: getQueryKey(api.task.list) }, (data) =>
    data?.pages
      ? { ...data, pages: data.pages.map((page) => ({ ...page, items: page.items.map((task) => (task.id === taskId ? { ...task, subtasks } : task)) })) }
      : data,
  );
}

/**
 * A task's checklist, in its details: tick items off, rename them in place (Enter or leaving the field
 * saves, an emptied item is deleted), reorder them with Alt+Up / Alt+Down (announced), add at the end.
 * Every change shows at once and is rolled back with a toast if the server refuses it. Loaded when the
 * details first open: the list's first paint does not need it.
 */
export function SubtaskChecklist({ taskId, taskTitle }: { taskId: string; taskTitle: string }) {
  const id = useId();
  const utils = api.useUtils();
  const queryClient = useQueryClient();
  const pending = taskId.startsWith(PENDING_PREFIX);
  const query = api.subtask.list.useQuery({ taskId }, { enabled: !pending });
  const [draft, setDraft] = useState("");
  const [announcement, setAnnouncement] = useState("");
  const [tooLong, setTooLong] = useState(false);
  const listRef = useRef<HTMLUListElement>(null);

  /**
   * Shows `next` now; on a refusal puts back what was there and says why. Refetches once no checklist
   * change is left in the queue: a refetch between two queued changes would show the server before the
   * second one (a renamed item flicking back to its old title).
   */
  async function change(next: (items: Subtask[]) => Subtask[], send: () => Promise<unknown>) {
    const before = utils.subtask.list.getData({ taskId }) ?? [];
    const after = next(before);
    const show = () => utils.subtask.list.setData({ taskId }, after);
    show();
    // A refetch begun earlier would land older data over the change: cancel it (which puts back the data
    // it began from) and show the change again, unless it was refused meanwhile.
    let refused = false;
    void utils.subtask.list.cancel({ taskId }).then(() => refused || show());
    patchCounts(queryClient, taskId, after);
    try {
      await send();
    } catch (error) {
      refused = true;
      utils.subtask.list.setData({ taskId }, before);
      patchCounts(queryClient, taskId, before);
      toast.error(errorMessage(error));
    } finally {
      if (queryClient.isMutating({ predicate: (m) => m.options.scope?.id === SCOPE }) === 0) void utils.subtask.list.invalidate({ taskId });
    }
  }

  // Queued like every change of the page: in order, waiting while offline (and saved across a reload).
  const inOrder = { scope: { id: SCOPE } };
  const create = useQueuedMutation("subtask.create", inOrder);
  const update = useQueuedMutation("subtask.update", inOrder);
  const move = useQueuedMutation("subtask.move", inOrder);
  const remove = useQueuedMutation("subtask.delete", inOrder);

  function onAdd(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const title = draft.trim();
    if (!title) return;
    // Kept as typed, and refused with a reason: never cut.
    if (title.length > TASK_LIMITS.titleMax) return setTooLong(true);
    setTooLong(false);
    setDraft("");
    const now = new Date();
    const shown: Subtask = { id: `${PENDING_PREFIX}${now.getTime()}-${Math.random().toString(36).slice(2)}`, taskId, title, completed: false, createdAt: now, updatedAt: now };
    void change(
      (items) => [...items, shown],
      async () => {
        const created = await create.mutateAsync({ taskId, title });
        // The server's row takes the shown one's place at once, so it can be changed without waiting
        // for the refetch (which comes only once the queue is empty, and may be slow or fail).
        utils.subtask.list.setData({ taskId }, (items) => items?.map((item) => (item.id === shown.id ? created : item)));
      },
    );
  }

  const rename = (item: Subtask, title: string) => {
    if (title === item.title) return;
    if (title === "") return void onDelete(item);
    if (title.length > TASK_LIMITS.titleMax) return void toast.error(`A subtask must be at most ${TASK_LIMITS.titleMax} characters: the change was not saved.`);
    void change((items) => items.map((i) => (i.id === item.id ? { ...i, title } : i)), () => update.mutateAsync({ id: item.id, title }));
  };

  const onToggle = (item: Subtask, completed: boolean) =>
    change((items) => items.map((i) => (i.id === item.id ? { ...i, completed } : i)), () => update.mutateAsync({ id: item.id, completed }));

  function onDelete(item: Subtask) {
    setAnnouncement(`Deleted ${isolate(item.title)}`);
    void change((items) => items.filter((i) => i.id !== item.id), () => remove.mutateAsync({ id: item.id }));
  }

  /** Alt+Up / Alt+Down: one place up or down; the focus stays on the moved item. */
  function onMoveKey(event: KeyboardEvent<HTMLElement>, item: Subtask, items: readonly Subtask[]) {
    if (!event.altKey || (event.key !== "ArrowUp" && event.key !== "ArrowDown")) return;
    event.preventDefault();
    const from = items.findIndex((i) => i.id === item.id);
    const to = from + (event.key === "ArrowUp" ? -1 : 1);
    if (to < 0 || to >= items.length || item.id.startsWith(PENDING_PREFIX)) return;
    const reordered = items.filter((i) => i.id !== item.id);
    reordered.splice(to, 0, item);
    const afterId = to === 0 ? null : reordered[to - 1]!.id;
    setAnnouncement(`Moved ${isolate(item.title)} to position ${to + 1} of ${items.length}`);
    const field = (event.target as HTMLElement).dataset.field;
    void change(() => reordered, () => move.mutateAsync({ id: item.id, afterId }));
    requestAnimationFrame(() => listRef.current?.querySelector<HTMLElement>(`[data-item="${item.id}"] [data-field="${field}"]`)?.focus());
  }

  if (pending) return <p className="px-4 pb-3 text-xs text-slate-500 dark:text-slate-400">Subtasks can be added once the task is saved.</p>;

  const items = query.data ?? [];
  const done = items.filter((item) => item.completed).length;

  return (
    <section aria-labelledby={`${id}-heading`} className="px-4 pb-4">
      <h3 id={`${id}-heading`} className="text-xs font-medium text-slate-600 dark:text-slate-400">
        Subtasks{items.length > 0 && <span className="ml-2 font-normal">{done} of {items.length} done</span>}
      </h3>
      {query.isPending && (
        <p className="mt-1 text-xs text-slate-500 dark:text-slate-400">
          {/* Paused: offline before this checklist was ever read; the read goes out when the connection is back. */}
          {query.fetchStatus === "paused" ? "Offline: the subtasks show once the connection is back." : "Loading the subtasks…"}
        </p>
      )}
      {query.isError && <p role="alert" className="mt-1 text-xs text-red-600 dark:text-red-400">Could not load the subtasks: {errorMessage(query.error)}</p>}
      <ul ref={listRef} className="mt-1 grid gap-1" aria-label={`Subtasks of "${taskTitle}"`}>
        {items.map((item) => {
          // Shown before the server has made it: nothing to change on it yet.
          const saving = item.id.startsWith(PENDING_PREFIX);
          return (
          <li key={item.id} data-item={item.id} className="flex items-center gap-2" data-testid="subtask">
            <SubtaskToggle item={item} disabled={saving} onToggle={(completed) => onToggle(item, completed)} onKeyDown={(e) => onMoveKey(e, item, items)} />
            <SubtaskTitle item={item} disabled={saving} onCommit={(title) => rename(item, title)} onKeyDown={(e) => onMoveKey(e, item, items)} />
            <button
              type="button"
              className="rounded px-1.5 text-sm text-slate-500 hover:bg-red-50 hover:text-red-700 dark:text-slate-400 dark:hover:bg-red-950 dark:hover:text-red-300"
              aria-label={`Delete subtask "${item.title}"`}
              disabled={saving}
              onClick={() => onDelete(item)}
            >
              ×
            </button>
          </li>
          );
        })}
      </ul>
      <form onSubmit={onAdd} className="mt-1">
        <label htmlFor={`${id}-new`} className="sr-only">{`Add a subtask to "${taskTitle}"`}</label>
        <input
          id={`${id}-new`}
          className="w-full rounded-md border border-slate-300 bg-white px-2 py-1 text-sm dark:border-slate-700 dark:bg-slate-900"
          placeholder="Add a subtask"
          value={draft}
          dir="auto"
          aria-invalid={tooLong ? true : undefined}
          aria-describedby={tooLong ? `${id}-too-long` : undefined}
          onChange={(e) => setDraft(e.target.value)}
        />
        {tooLong && (
          <p id={`${id}-too-long`} role="alert" className="mt-1 text-xs text-red-600 dark:text-red-400">
            A subtask must be at most {TASK_LIMITS.titleMax} characters: shorten it to add it.
          </p>
        )}
      </form>
      <p aria-live="polite" className="sr-only">{announcement}</p>
    </section>
  );
}

/** An item's checkbox: it flips in the click itself (a double click ticks and unticks, as a plain checkbox does). */
function SubtaskToggle({ item, disabled, onToggle, onKeyDown }: { item: Subtask; disabled: boolean; onToggle: (completed: boolean) => Promise<unknown>; onKeyDown: (event: KeyboardEvent<HTMLInputElement>) => void }) {
  const toggle = usePendingChecked(item.completed, onToggle);
  return (
    <input
      type="checkbox"
      data-field="toggle"
      className="size-4 shrink-0 accent-brand"
      checked={toggle.checked}
      disabled={disabled}
      aria-label={`Mark "${item.title}" as ${toggle.checked ? "not done" : "done"}`}
      aria-keyshortcuts="Alt+ArrowUp Alt+ArrowDown"
      onChange={(e) => toggle.onChange(e.target.checked)}
      onKeyDown={onKeyDown}
    />
  );
}

/** An item's title as a field: edited in place, saved on Enter or when the field is left, Escape puts it back. */
function SubtaskTitle({ item, disabled, onCommit, onKeyDown }: { item: Subtask; disabled: boolean; onCommit: (title: string) => void; onKeyDown: (event: KeyboardEvent<HTMLInputElement>) => void }) {
  const [value, setValue] = useState(item.title);
  const [shown, setShown] = useState(item.title);
  // A change from elsewhere (the server, another tab) replaces the field's text unless it is being edited.
  if (item.title !== shown) {
    setShown(item.title);
    setValue(item.title);
  }
  return (
    <input
      data-field="title"
      className={`min-w-0 flex-1 rounded border border-transparent bg-transparent px-1 py-0.5 text-sm hover:border-slate-300 focus:border-slate-400 dark:hover:border-slate-700 ${item.completed ? "text-slate-500 line-through dark:text-slate-400" : ""}`}
      aria-label={`Subtask "${item.title}"`}
      aria-keyshortcuts="Alt+ArrowUp Alt+ArrowDown"
      value={value}
      dir="auto"
      disabled={disabled}
      onChange={(e) => setValue(e.target.value)}
      onBlur={() => onCommit(value.trim())}
      onKeyDown={(e) => {
        if (e.key === "Enter") e.currentTarget.blur();
        else if (e.key === "Escape" && value !== item.title) {
          // Puts the title back; only the next Escape closes the details around it.
          e.preventDefault();
          e.stopPropagation();
          setValue(item.title);
        } else onKeyDown(e);
      }}
    />
  );
}
