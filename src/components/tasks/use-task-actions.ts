"use client";

import { onlineManager, useQueryClient } from "@tanstack/react-query";
import { useRef } from "react";
import { newIdempotencyKey } from "@/lib/idempotency-key";
import { toast } from "@/lib/toast";
import { errorMessage } from "@/lib/errors";
import { PENDING_PREFIX, useQueuedMutation } from "@/lib/mutation-queue";
import { noteRefusedOffline, reportRefusedOffline } from "@/lib/offline-refusals";
import { api } from "@/lib/trpc";
import type { RouterInputs, RouterOutputs } from "@/server/trpc/routers/_app";
import { isolate } from "@/shared/text";

/** A task as the API returns it. */
export type TaskView = RouterOutputs["task"]["list"]["items"][number];
type Stats = RouterOutputs["task"]["stats"];
type ListInput = Exclude<RouterInputs["task"]["list"], void | undefined>;
/** The fields the details form edits. */
export type TaskEdit = Partial<Pick<TaskView, "title" | "notes" | "dueDate" | "dueHasTime" | "priority" | "listId" | "labelIds">> & {
  /** How it repeats from now on (`null`: it stops). */
  repeat?: { rule: string; fromCompletion: boolean; timeZone: string } | null;
};
type StatsInput = RouterInputs["task"]["stats"];
/** A new task: its title and what quick add read from the text (the view's list and label by default). */
export type NewTask = Pick<TaskView, "title"> & Partial<Pick<TaskView, "dueDate" | "dueHasTime" | "priority" | "listId" | "labelIds">> & Pick<TaskEdit, "repeat">;

/** What an optimistic change does to the loaded pages (`null` removes a task) and to the counts. */
interface Change {
  task: (task: TaskView) => TaskView | null;
  stats: (stats: Stats) => Stats;
  /** A task to show at the end of the list, when the end is on screen. */
  append?: TaskView;
  /** A new order of the loaded tasks (each page keeps its length). */
  reorder?: (tasks: TaskView[]) => TaskView[];
}

/** The queue every task mutation goes through, in order. */
const SCOPE = "task-mutations";

const withActiveCompleted = (stats: Stats, active: number, completed: number): Stats => ({
  ...stats,
  active: Math.max(0, active),
  completed: Math.max(0, completed),
});

/**
 * Every task mutation, shown at once: the loaded list and `task.stats` are patched in the same event
 * (so nothing flickers), rolled back with a toast if the server refuses, and refetched once the queue
 * of task mutations is empty. They go through one queue, in order; offline, the queue waits (and is
 * saved, src/lib/offline-queue.ts) and is sent when the network is back. A new task is shown with a
 * temporary id, which changes made to it meanwhile carry until it is sent (src/lib/mutation-queue.ts).
 *
 * @param listInput the list query on screen, so patches land in the cache the user is looking at.
 * @param statsInput the counts on screen: the view's scope (every task's, a list's, a search's, a date view's).
 */
export function useTaskActions(listInput: ListInput, statsInput?: StatsInput) {
  const utils = api.useUtils();
  const queryClient = useQueryClient();
  /** A created task's id -> the temporary id it was shown with: its React key, so the row never remounts. */
  const rowKeys = useRef(new Map<string, string>());

  // One queue for every task mutation: the server applies them in the order the user made them
  // (a "Clear completed" right after a check must not overtake it).
  const inOrder = { scope: { id: SCOPE } };
  const create = useQueuedMutation("task.create", inOrder);
  const update = useQueuedMutation("task.update", inOrder);
  const remove = useQueuedMutation("task.delete", inOrder);
  const restore = useQueuedMutation("task.restore", inOrder);
  const move = useQueuedMutation("task.move", inOrder);
  const skipOccurrence = useQueuedMutation("task.skipOccurrence", inOrder);
  const undoOccurrence = useQueuedMutation("task.undoOccurrence", inOrder);
  const toggleAll = useQueuedMutation("task.toggleAll", inOrder);
  const clearCompleted = useQueuedMutation("task.clearCompleted", inOrder);
  const restoreBatch = useQueuedMutation("task.restoreBatch", inOrder);

  const filter = listInput.filter ?? "all";
  /** The list on screen: tasks moved out of it leave the view; new tasks go into it (the Inbox for every list's view). */
  const listId = listInput.listId;
  /** The label on screen: a new task gets it; a task that loses it leaves the view. */
  const labelId = listInput.labelId;
  /** The view's scope, which "mark all" and "clear completed" act on, as the counts describe it. */
  const scope = statsInput ?? {};
  /** A search or a date view: a new task (no due date) is most likely outside it, and it counts nothing there. */
  const narrowed = Boolean(listInput.search || listInput.dueFrom || listInput.dueBefore);
  const inView = (task: TaskView) =>
    (filter === "all" || task.completed === (filter === "completed")) &&
    (listId === undefined || task.listId === listId) &&
    (labelId === undefined || task.labelIds.includes(labelId));

  /** Shows `change` now, in the calling event (a checkbox never flickers back), and returns its undo. */
  function apply(change: Change): () => void {
    const previousList = utils.task.list.getInfiniteData(listInput);
    const previousStats = utils.task.stats.getData(statsInput);
    const patchTask = (task: TaskView) => {
      const next = change.task(task);
      return next && inView(next) ? [next] : [];
    };
    const lastPage = (previousList?.pages.length ?? 0) - 1;
    // A new task belongs at the end only in creation order (or My order, where new tasks go last), when
    // the list's end is loaded and nothing but the status filter narrows the list. Elsewhere it appears with the refetch.
    const append =
      change.append &&
      (!listInput.sort || listInput.sort === "created" || listInput.sort === "manual") &&
      !listInput.search &&
      !listInput.dueFrom &&
      !listInput.dueBefore &&
      previousList?.pages[lastPage]?.nextCursor === null &&
      inView(change.append)
        ? [change.append]
        : [];
    const patched = previousList?.pages.map((page, i) => [...page.items.flatMap(patchTask), ...(i === lastPage ? append : [])]);
    if (patched && change.reorder) {
      // Reordered as one list, then cut back into pages of the same lengths.
      const reordered = change.reorder(patched.flat());
      let start = 0;
      for (const [i, items] of patched.entries()) patched[i] = reordered.slice(start, (start += items.length));
    }
    const nextList = previousList && {
      ...previousList,
      pages: previousList.pages.map((page, i) => ({ ...page, items: patched![i]! })),
    };
    const nextStats = previousStats && change.stats(previousStats);
    const show = () => {
      utils.task.list.setInfiniteData(listInput, nextList);
      utils.task.stats.setData(statsInput, nextStats);
    };
    show();
    // A refetch that started earlier would land stale data over the change: cancel it (which restores
    // the data it started from) and show the change again. `show` writes fixed values, so twice is once.
    void Promise.all([utils.task.list.cancel(listInput), utils.task.stats.cancel(statsInput)]).then(show);
    return () => {
      utils.task.list.setInfiniteData(listInput, previousList);
      utils.task.stats.setData(statsInput, previousStats);
    };
  }

  /**
   * Runs a mutation with an optimistic `change`: undone with a toast on failure, refetched either way.
   * Resolves once the server has answered: `true` if it took the change (never rejects).
   */
  async function run(mutate: () => Promise<unknown>, change: Change): Promise<boolean> {
    const undo = apply(change);
    // Made offline: if the server refuses it once it is sent, that is said once for all of them.
    const offline = !onlineManager.isOnline();
    try {
      await mutate();
      return true;
    } catch (error) {
      undo();
      if (offline) noteRefusedOffline(error);
      else toast.error(errorMessage(error));
      return false;
    } finally {
      refreshWhenIdle();
    }
  }

  /**
   * Refetches once no task mutation is left in the queue: a refetch between two queued changes would
   * show the server before the second one (a box flicking back), and one refetch is enough anyway.
   */
  function refreshWhenIdle() {
    if (queryClient.isMutating({ predicate: (m) => m.options.scope?.id === SCOPE }) === 0) {
      reportRefusedOffline();
      void utils.task.invalidate();
      void utils.list.invalidate(); // the sidebar's counts
    }
  }

  /** Brings back the tasks of a just-made "Clear completed", in their old places. */
  function restoreCleared(undoId: string) {
    restoreBatch.mutateAsync({ undoId }).then(
      () => refreshWhenIdle(),
      (error: unknown) => toast.error(errorMessage(error)),
    );
  }

  /** Brings back a just-deleted task (the server keeps it for a while), in its old place. */
  function restoreTask(target: TaskView) {
    restore.mutateAsync({ id: target.id }).then(
      () => refreshWhenIdle(),
      (error: unknown) => toast.error(errorMessage(error)),
    );
  }

  /**
   * Completes (or skips) a repeating task's occurrence: the server records it and moves the task to its
   * next due date, so the row stays, still to do; a toast says when it is due next, with Undo.
   */
  async function nextOccurrence(target: TaskView, skip: boolean): Promise<boolean> {
    let next: TaskView | undefined;
    const done = await run(
      async () => {
        next = skip ? await skipOccurrence.mutateAsync({ id: target.id }) : await update.mutateAsync({ id: target.id, completed: true });
      },
      { task: (task) => task, stats: (s) => s },
    );
    if (done && next) {
      const when = next.completed || !next.dueDate ? "that was the last one" : `next due ${next.dueDate.toLocaleDateString(undefined, { weekday: "short", day: "numeric", month: "short" })}`;
      toast(`${skip ? "Skipped" : "Done"}: "${isolate(target.title)}", ${when}`, {
        action: {
          label: "Undo",
          onClick: () =>
            undoOccurrence.mutateAsync({ id: target.id }).then(
              () => refreshWhenIdle(),
              (error: unknown) => toast.error(errorMessage(error)),
            ),
        },
      });
    }
    return done;
  }

  return {
    /** Skips a repeating task's current occurrence (it moves to its next due date), with Undo. */
    skip: (target: TaskView) => nextOccurrence(target, true),

    /**
     * Adds a task at the end, shown at once. Until the server has created it, changes made to it carry
     * its temporary id, swapped for the real one when they are sent. Resolves `false` if the server refused it.
     */
    create: ({ title, dueDate = null, dueHasTime = false, priority = "none", repeat = null, ...placed }: NewTask) => {
      const now = new Date();
      const taskListId = placed.listId === undefined ? (listId ?? null) : placed.listId;
      const labelIds = [...new Set([...(labelId ? [labelId] : []), ...(placed.labelIds ?? [])])];
      const shown: TaskView = {
        id: `${PENDING_PREFIX}${now.getTime()}-${Math.random().toString(36).slice(2)}`,
        title,
        notes: null,
        completed: false,
        priority,
        dueDate,
        dueHasTime: dueDate !== null && dueHasTime,
        subtasks: { done: 0, total: 0 },
        labelIds,
        // The server gives it the last place in "My order"; it is shown last meanwhile.
        position: "",
        // The rule's words come with the server's answer.
        repeat: repeat && { ...repeat, text: "repeats" },
        listId: taskListId,
        createdAt: now,
        updatedAt: now,
        completedAt: null,
      };
      const input = {
        title,
        listId: taskListId,
        // Sent again (a retry, the next visit taking over a closed tab's queue), it still makes one task.
        idempotencyKey: newIdempotencyKey(),
        ...(labelIds.length > 0 && { labelIds }),
        ...(dueDate && { dueDate, dueHasTime: shown.dueHasTime }),
        ...(priority !== "none" && { priority }),
        ...(repeat && { repeat }),
      };
      return run(
        async () => {
          const task = await create.mutateAsync({ ...input, pendingId: shown.id });
          rowKeys.current.set(task.id, shown.id);
        },
        {
          task: (task) => task,
          // Counted where the view counts it: not in a search or date view, nor when it goes to another list or label.
          stats: (s) => (narrowed || !inView(shown) ? s : { ...s, total: s.total + 1, active: s.active + 1 }),
          append: shown,
        },
      );
    },

    /** The React key of a task's row: stable from the moment it is shown, before and after creation. */
    keyOf: (task: TaskView) => rowKeys.current.get(task.id) ?? task.id,

    setCompleted: (target: TaskView, completed: boolean) =>
      target.repeat && completed && !target.completed ? nextOccurrence(target, false) : run(() => update.mutateAsync({ id: target.id, completed }), {
        task: (task) => (task.id === target.id ? { ...task, completed } : task),
        stats: (s) =>
          target.completed === completed
            ? s
            : withActiveCompleted(s, s.active + (completed ? -1 : 1), s.completed + (completed ? 1 : -1)),
      }),

    /** Changes any of title, notes, due date and priority, or moves the task to another list. */
    edit: (target: TaskView, fields: TaskEdit) =>
      run(() => update.mutateAsync({ id: target.id, ...fields }), {
        // A new rule's words come with the server's answer; until then the row says it repeats.
        task: (task) =>
          task.id === target.id
            ? { ...task, ...fields, repeat: fields.repeat === undefined ? task.repeat : fields.repeat && { ...fields.repeat, text: task.repeat?.rule === fields.repeat.rule ? task.repeat.text : "repeats" } }
            : task,
        stats: (s) => s,
      }),

    /**
     * Puts a task right after `after` in My order (`null`: first), shown at once; the server writes that
     * one task's new place.
     */
    move: (target: TaskView, after: TaskView | null) =>
      run(() => move.mutateAsync({ id: target.id, afterId: after?.id ?? null }), {
        task: (task) => task,
        stats: (s) => s,
        reorder: (tasks) => {
          if (!tasks.some((task) => task.id === target.id)) return tasks;
          const rest = tasks.filter((task) => task.id !== target.id);
          rest.splice(after ? rest.findIndex((task) => task.id === after.id) + 1 : 0, 0, target);
          return rest;
        },
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
        toast(`Deleted "${isolate(target.title)}"`, { action: { label: "Undo", onClick: () => restoreTask(target) } });
      }
    },

    setAllCompleted: (completed: boolean) =>
      run(() => toggleAll.mutateAsync({ ...scope, completed }), {
        task: (task) => ({ ...task, completed }),
        stats: (s) => withActiveCompleted(s, completed ? 0 : s.total, completed ? s.total : 0),
      }),

    /** Deletes every completed task (of the list on screen) and offers Undo for all of them, as for one. */
    clearCompleted: async () => {
      const undoId = crypto.randomUUID();
      let count = 0;
      const cleared = await run(async () => void (count = (await clearCompleted.mutateAsync({ ...scope, undoId })).count), {
        task: (task) => (task.completed ? null : task),
        stats: (s) => ({ ...s, total: s.active, completed: 0 }),
      });
      if (cleared && count > 0) {
        toast(`Cleared ${count} completed task${count === 1 ? "" : "s"}`, { action: { label: "Undo", onClick: () => restoreCleared(undoId) } });
      }
    },
  };
}
