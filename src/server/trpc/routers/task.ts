import { TRPCError } from "@trpc/server";
import { ListQuotaExceededError } from "../../lists/list-repository";
import { importTasks } from "../../tasks/task-import";
import { LabelQuotaExceededError } from "../../labels/label-repository";
import { InvalidCursorError, LabelNotFoundError, ListNotFoundError, NoOccurrenceError, RepeatError, TaskQuotaExceededError, taskRepository } from "../../tasks/task-repository";
import {
  createTaskInput,
  clearCompletedInput,
  importTasksInput,
  listScopeInput,
  restoreBatchInput,
  listTasksInput,
  moveTaskInput,
  taskIdInput,
  toggleAllInput,
  updateTaskInput,
} from "@/shared/task-input";
import { createTRPCRouter, protectedProcedure } from "../init";

/** Every procedure here sees only `ctx.user`'s tasks: the repository is built for that user alone. */
const taskProcedure = protectedProcedure.use(async ({ ctx, next, type }) => {
  const tasks = taskRepository(ctx.db, ctx.user.id, {
    undoWindowSeconds: ctx.limits.taskUndoWindowSeconds,
    quota: ctx.limits.taskQuotaPerUser,
    changes: ctx.sync.log,
  });
  const result = await next({ ctx: { tasks } });
  // Committed: wake the user's streams (sync.changes), which read what the change log now holds.
  if (result.ok && type === "mutation") ctx.sync.notifier.notify(ctx.user.id);
  // The repository's own errors get their API codes here, once for every procedure.
  if (!result.ok) {
    const { cause } = result.error;
    if (cause instanceof RepeatError) throw new TRPCError({ code: "BAD_REQUEST", message: cause.message });
    if (cause instanceof NoOccurrenceError) throw new TRPCError({ code: "BAD_REQUEST", message: cause.message });
    if (cause instanceof InvalidCursorError) throw new TRPCError({ code: "BAD_REQUEST", message: cause.message });
    if (cause instanceof TaskQuotaExceededError || cause instanceof ListQuotaExceededError || cause instanceof LabelQuotaExceededError) {
      throw new TRPCError({ code: "FORBIDDEN", message: cause.message });
    }
    if (cause instanceof ListNotFoundError || cause instanceof LabelNotFoundError) throw new TRPCError({ code: "NOT_FOUND", message: cause.message });
  }
  return result;
});

/** Refuses more labels on one task than `LABELS_PER_TASK_MAX` (zod holds the hard bound; this one is configuration). */
function checkLabelCount(count: number, max: number, which = "A task") {
  if (count > max) throw new TRPCError({ code: "BAD_REQUEST", message: `${which} can carry at most ${max} labels (LABELS_PER_TASK_MAX)` });
}

/** Refuses a repeat rule longer than `REPEAT_RULE_MAX_LENGTH` (zod holds the hard bound). */
function checkRuleLength(repeat: { rule: string } | null | undefined, max: number, which = "The repeat rule") {
  if (repeat && repeat.rule.length > max) throw new TRPCError({ code: "BAD_REQUEST", message: `${which} must be at most ${max} characters (REPEAT_RULE_MAX_LENGTH)` });
}

/** Another user's task and a missing one give the same answer, so ids reveal nothing. */
const taskNotFound = () => new TRPCError({ code: "NOT_FOUND", message: "Task not found" });

function found<T>(value: T | undefined): T {
  if (value === undefined) throw taskNotFound();
  return value;
}

/** The signed-in user's tasks. */
export const taskRouter = createTRPCRouter({
  /** One page of tasks, oldest first unless `sort` says otherwise. */
  list: taskProcedure.input(listTasksInput).query(({ ctx, input }) => ctx.tasks.list(input)),

  byId: taskProcedure.input(taskIdInput).query(async ({ ctx, input }) => found(await ctx.tasks.byId(input.id))),

  create: taskProcedure.input(createTaskInput).mutation(({ ctx, input }) => {
    checkLabelCount(input.labelIds?.length ?? 0, ctx.limits.labelsPerTaskMax);
    checkRuleLength(input.repeat, ctx.limits.repeatRuleMaxLength);
    return ctx.tasks.create(input);
  }),

  /**
   * Changes a task. Completing a repeating task records the occurrence and moves the task to its next due
   * date instead (still to do); after the last one it is done.
   */
  update: taskProcedure.input(updateTaskInput).mutation(async ({ ctx, input }) => {
    checkLabelCount(input.labelIds?.length ?? 0, ctx.limits.labelsPerTaskMax);
    checkRuleLength(input.repeat, ctx.limits.repeatRuleMaxLength);
    return found(await ctx.tasks.update(input));
  }),

  delete: taskProcedure.input(taskIdInput).mutation(async ({ ctx, input }) => {
    if (!(await ctx.tasks.delete(input.id))) throw taskNotFound();
    return { id: input.id };
  }),

  /**
   * Puts a task right after `afterId` in "My order" (`sort: "manual"`), or first without one; one row
   * is written. The answer carries its new `position`.
   */
  move: taskProcedure.input(moveTaskInput).mutation(async ({ ctx, input }) => found(await ctx.tasks.move(input.id, input.afterId ?? null))),

  /** Skips a repeating task's current occurrence: it moves to the next due date. BAD_REQUEST if it does not repeat. */
  skipOccurrence: taskProcedure.input(taskIdInput).mutation(async ({ ctx, input }) => found(await ctx.tasks.skipOccurrence(input.id))),

  /** Undoes the last completion or skip of a repeating task (its due date and rule come back). BAD_REQUEST when there is none. */
  undoOccurrence: taskProcedure.input(taskIdInput).mutation(async ({ ctx, input }) => found(await ctx.tasks.undoOccurrence(input.id))),

  /** Brings back a task deleted within the undo window (`TASK_UNDO_WINDOW_SECONDS`), in its old place. */
  restore: taskProcedure.input(taskIdInput).mutation(async ({ ctx, input }) => found(await ctx.tasks.restore(input.id))),

  /** Marks every task completed, or every task active. */
  toggleAll: taskProcedure
    .input(toggleAllInput)
    .mutation(async ({ ctx, input }) => ({ count: await ctx.tasks.setAllCompleted(input.completed, input) })),

  /**
   * Deletes every completed task. With an `undoId` (a UUID the client makes), `restoreBatch({ undoId })`
   * brings them all back within the undo window.
   */
  clearCompleted: taskProcedure
    .input(clearCompletedInput)
    .mutation(async ({ ctx, input }) => ({ count: await ctx.tasks.clearCompleted(input, input.undoId ?? null) })),

  /**
   * Undoes a bulk delete within the undo window: the tasks one `clearCompleted` removed (by its `undoId`),
   * all of them or none. Another user's id, an old one and a used one are NOT_FOUND alike.
   */
  restoreBatch: taskProcedure.input(restoreBatchInput).mutation(async ({ ctx, input }) => {
    const count = await ctx.tasks.restoreBatch(input.undoId);
    if (count === 0) throw new TRPCError({ code: "NOT_FOUND", message: "Nothing to restore: the undo window has passed" });
    return { count };
  }),

  /**
   * Creates every task of an export file in one transaction, in order, matching or making their lists by
   * name: all of them or, on any refusal (quota, `TASK_IMPORT_MAX`), none. Answers what it did.
   */
  import: taskProcedure.input(importTasksInput).mutation(({ ctx, input }) => {
    if (input.tasks.length > ctx.limits.taskImportMax) {
      throw new TRPCError({ code: "BAD_REQUEST", message: `At most ${ctx.limits.taskImportMax} tasks per import (TASK_IMPORT_MAX): split the file` });
    }
    const { subtasksPerTaskMax } = ctx.limits;
    const crowded = input.tasks.findIndex((task) => (task.subtasks?.length ?? 0) > subtasksPerTaskMax);
    if (crowded !== -1) {
      throw new TRPCError({ code: "BAD_REQUEST", message: `Task ${crowded + 1} has more than ${subtasksPerTaskMax} subtasks (SUBTASKS_PER_TASK_MAX)` });
    }
    input.tasks.forEach((task, i) => {
      checkRuleLength(task.repeat, ctx.limits.repeatRuleMaxLength, `Task ${i + 1}'s repeat rule`);
      if (task.repeat && !task.dueDate) throw new TRPCError({ code: "BAD_REQUEST", message: `Task ${i + 1} repeats but has no due date` });
    });
    input.tasks.forEach((task, i) => checkLabelCount(new Set(task.labels?.map((name) => name.toLowerCase())).size, ctx.limits.labelsPerTaskMax, `Task ${i + 1}`));
    const { taskUndoWindowSeconds: undoWindowSeconds, taskQuotaPerUser, listQuotaPerUser, labelQuotaPerUser } = ctx.limits;
    const changes = ctx.sync.log;
    return importTasks(ctx.db, ctx.user.id, input, {
      tasks: { undoWindowSeconds, quota: taskQuotaPerUser, changes },
      lists: { undoWindowSeconds, quota: listQuotaPerUser, taskQuota: taskQuotaPerUser, changes },
      labels: { quota: labelQuotaPerUser },
    });
  }),

  /** Counts over all tasks: what "items left" and the toggle-all state are computed from. */
  stats: taskProcedure.input(listScopeInput).query(({ ctx, input }) => ctx.tasks.stats(input)),
});
