import { TRPCError } from "@trpc/server";
import { createSubtaskInput, moveSubtaskInput, subtaskIdInput, subtaskListInput, updateSubtaskInput } from "@/shared/subtask-input";
import { SubtaskLimitError, subtaskRepository } from "../../subtasks/subtask-repository";
import { createTRPCRouter, protectedProcedure } from "../init";

/** Every procedure here sees only `ctx.user`'s checklists: the repository is built for that user alone. */
const subtaskProcedure = protectedProcedure.use(async ({ ctx, next, type }) => {
  const subtasks = subtaskRepository(ctx.db, ctx.user.id, { max: ctx.limits.subtasksPerTaskMax, changes: ctx.sync.log });
  const result = await next({ ctx: { subtasks } });
  // Committed: wake the user's streams (sync.changes), which hear the task's new counts.
  if (result.ok && type === "mutation") ctx.sync.notifier.notify(ctx.user.id);
  if (!result.ok && result.error.cause instanceof SubtaskLimitError) throw new TRPCError({ code: "FORBIDDEN", message: result.error.cause.message });
  return result;
});

/** Another user's subtask or task, a deleted task's and a missing one give the same answer. */
function found<T>(value: T | undefined, what = "Subtask"): T {
  if (value === undefined) throw new TRPCError({ code: "NOT_FOUND", message: `${what} not found` });
  return value;
}

/** The checklists of the signed-in user's tasks (one level; the task row carries the counts). */
export const subtaskRouter = createTRPCRouter({
  /** A task's checklist, in order. */
  list: subtaskProcedure.input(subtaskListInput).query(async ({ ctx, input }) => found(await ctx.subtasks.list(input.taskId), "Task")),

  /** A new item at the end of the checklist; FORBIDDEN past `SUBTASKS_PER_TASK_MAX`. */
  create: subtaskProcedure.input(createSubtaskInput).mutation(async ({ ctx, input }) => found(await ctx.subtasks.create(input), "Task")),

  /** Renames an item or ticks it off. */
  update: subtaskProcedure.input(updateSubtaskInput).mutation(async ({ ctx, input }) => found(await ctx.subtasks.update(input))),

  /** Puts an item right after `afterId`, or first (one row written). */
  move: subtaskProcedure.input(moveSubtaskInput).mutation(async ({ ctx, input }) => found(await ctx.subtasks.move(input))),

  delete: subtaskProcedure.input(subtaskIdInput).mutation(async ({ ctx, input }) => {
    const { id, taskId } = found(await ctx.subtasks.delete(input.id));
    return { id, taskId };
  }),
});
