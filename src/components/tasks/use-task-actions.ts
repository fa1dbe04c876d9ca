"use client";

import { toast } from "sonner";
import { errorMessage } from "@/lib/errors";
import { api } from "@/lib/trpc";
import type { RouterInputs, RouterOutputs } from "@/server/trpc/routers/_app";

/** A task as the API returns it. */
export type TaskView = RouterOutputs["task"]["list"]["items"][number];
type Stats = RouterOutputs["task"]["stats"];
type ListInput = Exclude<RouterInputs["task"]["list"], void | undefined>;
/** The fields the details form edits. */
export type TaskEdit = Partial<Pick<TaskView, "title" | "notes" | "dueDate" | "priority">>;

/** What an optimistic change does to the loaded pages (`null` removes a task) and to the counts. */
interface Change {
  task: (task: TaskView) => TaskView | null;
  stats: (stats: Stats) => Stats;
}

const withActiveCompleted = (stats: Stats, active: number, completed: number): Stats => ({
  ...stats,
  active: Math.max(0, active),
  completed: Math.max(0, completed),
});

/**
 * Every task mutation, shown at once: the loaded list and `task.stats` are patched in the same event
 * (so nothing flickers), rolled back with a toast if the server refuses, and refetched when it answers.
 *
 * @param listInput the list query on screen, so patches land in the cache the user is looking at.
 */
export function useTaskActions(listInput: ListInput) {
  const utils = api.useUtils();
  // One queue for every task mutation: the server applies them in the order the user made them
  // (a "Clear completed" right after a check must not overtake it).
  const inOrder = { scope: { id: "task-mutations" } };
  const create = api.task.create.useMutation(inOrder);
  const update = api.task.update.useMutation(inOrder);
  const remove = api.task.delete.useMutation(inOrder);
  const restore = api.task.restore.useMutation(inOrder);
  const toggleAll = api.task.toggleAll.useMutation(inOrder);
  const clearCompleted = api.task.clearCompleted.useMutation(inOrder);

  const filter = listInput.filter ?? "all";
  const inView = (task: TaskView) => filter === "all" || task.completed === (filter === "completed");

  /** Shows `change` now, in the calling event (a checkbox never flickers back), and returns its undo. */
  function apply(change: Change): () => void {
    const previousList = utils.task.list.getInfiniteData(listInput);
    const previousStats = utils.task.stats.getData();
    const patchTask = (task: TaskView) => {
      const next = change.task(task);
      return next && inView(next) ? [next] : [];
    };
    const nextList = previousList && {
      ...previousList,
      pages: previousList.pages.map((page) => ({ ...page, items: page.items.flatMap(patchTask) })),
    };
    const nextStats = previousStats && change.stats(previousStats);
    const show = () => {
      utils.task.list.setInfiniteData(listInput, nextList);
      utils.task.stats.setData(undefined, nextStats);
    };
    show();
    // A refetch that started earlier would land stale data over the change: cancel it (which restores
    // the data it started from) and show the change again. `show` writes fixed values, so twice is once.
    void Promise.all([utils.task.list.cancel(listInput), utils.task.stats.cancel()]).then(show);
    return () => {
      utils.task.list.setInfiniteData(listInput, previousList);
      utils.task.stats.setData(undefined, previousStats);
    };
  }

  /**
   * Runs a mutation with an optimistic `change`: undone with a toast on failure, refetched either way.
   * Resolves once the server has answered: `true` if it took the change (never rejects).
   */
  async function run(mutate: () => Promise<unknown>, change: Change): Promise<boolean> {
    const undo = apply(change);
    try {
      await mutate();
      return true;
    } catch (error) {
      undo();
      toast.error(errorMessage(error));
      return false;
    } finally {
      void utils.task.invalidate();
    }
  }

  /** Brings back a just-deleted task (the server keeps it for a while), in its old place. */
  function restoreTask(target: TaskView) {
    restore.mutateAsync({ id: target.id }).then(
      () => void utils.task.invalidate(),
      (error: unknown) => toast.error(errorMessage(error)),
    );
  }

  return {
    /**
     * Adds a task; it appears once the server has it, with its id and in its place (a row shown before
     * it has an id could not be acted on, and would remount mid-edit when the id arrives).
     * Resolves `false` if the server refused it (a toast says why).
     */
    create: (title: string) =>
      create.mutateAsync({ title }).then(
        () => {
          void utils.task.invalidate();
          return true;
        },
        (error: unknown) => {
          toast.error(errorMessage(error));
          return false;
        },
      ),
    creating: create.isPending,

    setCompleted: (target: TaskView, completed: boolean) =>
      run(() => update.mutateAsync({ id: target.id, completed }), {
        task: (task) => (task.id === target.id ? { ...task, completed } : task),
        stats: (s) =>
          target.completed === completed
            ? s
            : withActiveCompleted(s, s.active + (completed ? -1 : 1), s.completed + (completed ? 1 : -1)),
      }),

    /** Changes any of title, notes, due date and priority. */
    edit: (target: TaskView, fields: TaskEdit) =>
      run(() => update.mutateAsync({ id: target.id, ...fields }), {
        task: (task) => (task.id === target.id ? { ...task, ...fields } : task),
        stats: (s) => s,
      }),

    /** Deletes a task and offers Undo. */
    remove: async (target: TaskView) => {
      const deleted = await run(() => remove.mutateAsync({ id: target.id }), {
        task: (task) => (task.id === target.id ? null : task),
        stats: (s) =>
          withActiveCompleted(
            { ...s, total: Math.max(0, s.total - 1) },
            s.active - (target.completed ? 0 : 1),
            s.completed - (target.completed ? 1 : 0),
          ),
      });
      if (deleted) {
        toast(`Deleted "${target.title}"`, { action: { label: "Undo", onClick: () => restoreTask(target) } });
      }
    },

    setAllCompleted: (completed: boolean) =>
      run(() => toggleAll.mutateAsync({ completed }), {
        task: (task) => ({ ...task, completed }),
        stats: (s) => withActiveCompleted(s, completed ? 0 : s.total, completed ? s.total : 0),
      }),

    clearCompleted: () =>
      run(() => clearCompleted.mutateAsync(), {
        task: (task) => (task.completed ? null : task),
        stats: (s) => ({ ...s, total: s.active, completed: 0 }),
      }),
  };
}
