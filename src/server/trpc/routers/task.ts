import { TRPCError } from "@trpc/server";
import { InvalidCursorError, ListNotFoundError, TaskQuotaExceededError, taskRepository } from "../../tasks/task-repository";
import {
  createTaskInput,
  listScopeInput,
  listTasksInput,
  taskIdInput,
  toggleAllInput,
  updateTaskInput,
} from "@/shared/task-input";
import { createTRPCRouter, protectedProcedure } from "../init";

/** Every procedure here sees only `ctx.user`'s tasks: the repository is built for that user alone. */
const taskProcedure = protectedProcedure.use(async ({ ctx, next }) => {
  const tasks = taskRepository(ctx.db, ctx.user.id, { undoWindowSeconds: ctx.limits.taskUndoWindowSeconds, quota: ctx.limits.taskQuotaPerUser });
  const result = await next({ ctx: { tasks } });
  // The repository's own errors get their API codes here, once for every procedure.
  if (!result.ok) {
    const { cause } = result.error;
    if (cause instanceof InvalidCursorError) throw new TRPCError({ code: "BAD_REQUEST", message: cause.message });
    if (cause instanceof TaskQuotaExceededError) throw new TRPCError({ code: "FORBIDDEN", message: cause.message });
    if (cause instanceof ListNotFoundError) throw new TRPCError({ code: "NOT_FOUND", message: cause.message });
  }
  return result;
});

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

  create: taskProcedure.input(createTaskInput).mutation(({ ctx, input }) => ctx.tasks.create(input)),

  update: taskProcedure.input(updateTaskInput).mutation(async ({ ctx, input }) => found(await ctx.tasks.update(input))),

  delete: taskProcedure.input(taskIdInput).mutation(async ({ ctx, input }) => {
    if (!(await ctx.tasks.delete(input.id))) throw taskNotFound();
    return { id: input.id };
  }),

  /** Brings back a task deleted within the undo window (`TASK_UNDO_WINDOW_SECONDS`), in its old place. */
  restore: taskProcedure.input(taskIdInput).mutation(async ({ ctx, input }) => found(await ctx.tasks.restore(input.id))),

  /** Marks every task completed, or every task active. */
  toggleAll: taskProcedure
    .input(toggleAllInput)
    .mutation(async ({ ctx, input }) => ({ count: await ctx.tasks.setAllCompleted(input.completed, input) })),

  /** Deletes every completed task. */
  clearCompleted: taskProcedure.input(listScopeInput).mutation(async ({ ctx, input }) => ({ count: await ctx.tasks.clearCompleted(input) })),

  /** Counts over all tasks: what "items left" and the toggle-all state are computed from. */
  stats: taskProcedure.input(listScopeInput).query(({ ctx, input }) => ctx.tasks.stats(input)),
});
