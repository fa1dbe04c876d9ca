"use client";

import { useQueryClient } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { accessTokens } from "@/lib/access-token";
import { authClient } from "@/lib/auth-client";
import { errorMessage } from "@/lib/errors";
import { api } from "@/lib/trpc";
import { TASK_FILTERS, TASK_LIMITS, type TaskFilter } from "@/shared/task-fields";
import { TaskItem, type TaskView } from "./task-item";

const FILTER_LABELS: Record<TaskFilter, string> = { all: "All", active: "Active", completed: "Completed" };
const EMPTY_MESSAGES: Record<TaskFilter, string> = {
  all: "No tasks yet. Add your first one above.",
  active: "Nothing left to do.",
  completed: "No completed tasks yet.",
};

export interface TaskAppProps {
  user: { name: string; email: string };
}

/** The signed-in page: add, complete, rename and delete tasks; counts come from `task.stats`. */
export function TaskApp({ user }: TaskAppProps) {
  const router = useRouter();
  const queryClient = useQueryClient();
  const utils = api.useUtils();
  const [filter, setFilter] = useState<TaskFilter>("all");
  const [title, setTitle] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [signingOut, setSigningOut] = useState(false);

  const list = api.task.list.useInfiniteQuery(
    { filter, limit: TASK_LIMITS.pageSizeDefault },
    { getNextPageParam: (page) => page.nextCursor },
  );
  const stats = api.task.stats.useQuery();

  const showError = (e: unknown) => setError(errorMessage(e));
  // Every change refreshes the list and the counts once the server has answered.
  const refresh = () => utils.task.invalidate();
  const mutationOptions = { onMutate: () => setError(null), onError: showError, onSettled: refresh };
  const create = api.task.create.useMutation(mutationOptions);
  const clearCompleted = api.task.clearCompleted.useMutation(mutationOptions);
  const update = api.task.update.useMutation({ onSettled: refresh });
  const remove = api.task.delete.useMutation({ onSettled: refresh });

  const listInput = { filter, limit: TASK_LIMITS.pageSizeDefault };
  const inView = (task: TaskView) => filter === "all" || task.completed === (filter === "completed");

  /**
   * Shows `edit` (null removes the task) in the loaded pages at once, re-filtering the view, and
   * returns how to undo it. Called in the event handler itself, so a checkbox never flickers back.
   */
  function showNow(edit: (task: TaskView) => TaskView | null): () => void {
    setError(null);
    // A refetch started before this change would overwrite it when it lands: drop its result.
    void utils.task.list.cancel(undefined, { revert: false });
    const previous = utils.task.list.getInfiniteData(listInput);
    const apply = (task: TaskView) => {
      const next = edit(task);
      return next && inView(next) ? [next] : [];
    };
    utils.task.list.setInfiniteData(listInput, (data) =>
      data && { ...data, pages: data.pages.map((page) => ({ ...page, items: page.items.flatMap(apply) })) },
    );
    return () => utils.task.list.setInfiniteData(listInput, previous);
  }

  /** Updates and deletes show at once and are rolled back, with a message, if the server refuses them. */
  const undoOnError = (undo: () => void) => ({
    onError: (e: unknown) => {
      undo();
      showError(e);
    },
  });
  const updateTask = (id: string, fields: { title?: string; completed?: boolean }) =>
    update.mutate({ id, ...fields }, undoOnError(showNow((task) => (task.id === id ? { ...task, ...fields } : task))));
  const deleteTask = (id: string) =>
    remove.mutate({ id }, undoOnError(showNow((task) => (task.id === id ? null : task))));

  async function onAdd(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const trimmed = title.trim();
    if (trimmed === "") return;
    try {
      await create.mutateAsync({ title: trimmed });
      setTitle("");
    } catch {
      // Shown by onError; the typed title stays so nothing is lost.
    }
  }

  async function onSignOut() {
    setSigningOut(true);
    await authClient.signOut().catch(() => undefined);
    accessTokens.clear();
    queryClient.clear();
    router.replace("/sign-in");
    router.refresh();
  }

  const tasks = list.data?.pages.flatMap((page) => page.items) ?? [];
  const busyId = (update.isPending && update.variables?.id) || (remove.isPending && remove.variables?.id) || null;
  const active = stats.data?.active ?? 0;

  return (
    <main className="mx-auto max-w-2xl px-4 py-8">
      <header className="mb-6 flex flex-wrap items-center justify-between gap-3">
        <h1 className="text-3xl font-semibold tracking-tight">Tasks</h1>
        <div className="flex items-center gap-3 text-sm">
          <span className="text-slate-600 dark:text-slate-400" title={user.email}>
            {user.name}
          </span>
          <button
            type="button"
            onClick={onSignOut}
            disabled={signingOut}
            className="rounded-md border border-slate-300 px-3 py-1.5 hover:bg-slate-100 disabled:opacity-60 dark:border-slate-700 dark:hover:bg-slate-800"
          >
            {signingOut ? "Signing out…" : "Sign out"}
          </button>
        </div>
      </header>

      <form onSubmit={onAdd} className="mb-4 flex gap-2">
        <input
          className="new-todo flex-1 rounded-md border border-slate-300 bg-white px-3 py-2 text-base dark:border-slate-700 dark:bg-slate-900"
          placeholder="What needs to be done?"
          aria-label="New task"
          value={title}
          maxLength={TASK_LIMITS.titleMax}
          autoFocus
          onChange={(e) => setTitle(e.target.value)}
        />
        <button
          type="submit"
          disabled={create.isPending || title.trim() === ""}
          className="rounded-md bg-blue-600 px-4 py-2 font-medium text-white hover:bg-blue-700 disabled:opacity-60"
        >
          {create.isPending ? "Adding…" : "Add"}
        </button>
      </form>

      {error && (
        <div role="alert" className="mb-4 flex items-start justify-between gap-3 rounded-md bg-red-50 px-3 py-2 text-sm text-red-700 dark:bg-red-950 dark:text-red-300">
          <span>{error}</span>
          <button type="button" onClick={() => setError(null)} className="font-medium underline">
            Dismiss
          </button>
        </div>
      )}

      <section className="rounded-lg border border-slate-200 bg-white shadow-sm dark:border-slate-800 dark:bg-slate-900" aria-label="Task list">
        {list.isPending ? (
          <ul aria-busy="true" aria-label="Loading tasks">
            {[0, 1, 2].map((i) => (
              <li key={i} className="flex items-center gap-3 border-b border-slate-200 px-4 py-3 last:border-b-0 dark:border-slate-800">
                <span className="size-5 animate-pulse rounded bg-slate-200 dark:bg-slate-800" />
                <span className="h-4 flex-1 animate-pulse rounded bg-slate-200 dark:bg-slate-800" />
              </li>
            ))}
          </ul>
        ) : list.isError ? (
          <div role="alert" className="flex items-center justify-between gap-3 px-4 py-6 text-sm">
            <span>Could not load your tasks: {errorMessage(list.error)}</span>
            <button type="button" onClick={() => list.refetch()} className="rounded-md border border-slate-300 px-3 py-1.5 dark:border-slate-700">
              Retry
            </button>
          </div>
        ) : tasks.length === 0 ? (
          <p className="px-4 py-8 text-center text-slate-500">{EMPTY_MESSAGES[filter]}</p>
        ) : (
          <ul className="todo-list">
            {tasks.map((task) => (
              <TaskItem
                key={task.id}
                task={task}
                busy={busyId === task.id}
                onToggle={(completed) => updateTask(task.id, { completed })}
                onRename={(newTitle) => updateTask(task.id, { title: newTitle })}
                onDelete={() => deleteTask(task.id)}
              />
            ))}
          </ul>
        )}
        {list.hasNextPage && (
          <div className="border-t border-slate-200 p-3 text-center dark:border-slate-800">
            <button
              type="button"
              onClick={() => list.fetchNextPage()}
              disabled={list.isFetchingNextPage}
              className="rounded-md px-3 py-1.5 text-sm text-blue-600 hover:bg-blue-50 disabled:opacity-60 dark:text-blue-400 dark:hover:bg-slate-800"
            >
              {list.isFetchingNextPage ? "Loading…" : "Load more"}
            </button>
          </div>
        )}

        <footer className="flex flex-wrap items-center justify-between gap-3 border-t border-slate-200 px-4 py-3 text-sm text-slate-600 dark:border-slate-800 dark:text-slate-400">
          <span className="todo-count" aria-live="polite">
            <strong>{active}</strong> {active === 1 ? "item" : "items"} left
          </span>
          <nav aria-label="Filter tasks" className="filters flex gap-1">
            {TASK_FILTERS.map((f) => (
              <button
                key={f}
                type="button"
                aria-pressed={filter === f}
                onClick={() => setFilter(f)}
                className={`rounded px-2 py-1 ${filter === f ? "selected bg-slate-200 text-slate-900 dark:bg-slate-700 dark:text-white" : "hover:bg-slate-100 dark:hover:bg-slate-800"}`}
              >
                {FILTER_LABELS[f]}
              </button>
            ))}
          </nav>
          {(stats.data?.completed ?? 0) > 0 && (
            <button
              type="button"
              className="clear-completed hover:underline disabled:opacity-60"
              disabled={clearCompleted.isPending}
              onClick={() => clearCompleted.mutate()}
            >
              Clear completed
            </button>
          )}
        </footer>
      </section>
    </main>
  );
}
