import { TRPCError } from "@trpc/server";
import { createListInput, deleteListInput, listIdInput, renameListInput } from "@/shared/list-input";
import { ListNameTakenError, ListQuotaExceededError, listRepository } from "../../lists/list-repository";
import { TaskQuotaExceededError } from "../../tasks/task-repository";
import { createTRPCRouter, protectedProcedure } from "../init";

/** Every procedure here sees only `ctx.user`'s lists: the repository is built for that user alone. */
const listProcedure = protectedProcedure.use(async ({ ctx, next, type }) => {
  const lists = listRepository(ctx.db, ctx.user.id, {
    quota: ctx.limits.listQuotaPerUser,
    undoWindowSeconds: ctx.limits.taskUndoWindowSeconds,
    taskQuota: ctx.limits.taskQuotaPerUser,
    changes: ctx.sync.log,
  });
  const result = await next({ ctx: { lists } });
  // Committed: wake the user's streams (sync.changes).
  if (result.ok && type === "mutation") ctx.sync.notifier.notify(ctx.user.id);
  if (!result.ok) {
    const { cause } = result.error;
    if (cause instanceof ListNameTakenError) throw new TRPCError({ code: "CONFLICT", message: cause.message });
    if (cause instanceof ListQuotaExceededError || cause instanceof TaskQuotaExceededError) throw new TRPCError({ code: "FORBIDDEN", message: cause.message });
  }
  return result;
});

/** Another user's list and a missing one give the same answer. */
function found<T>(value: T | undefined): T {
  if (value === undefined) throw new TRPCError({ code: "NOT_FOUND", message: "List not found" });
  return value;
}

/** The signed-in user's task lists (projects). Tasks with no list are in the Inbox. */
export const listRouter = createTRPCRouter({
  /** Every list, oldest first, with open and total task counts; and the Inbox's counts. */
  all: listProcedure.query(({ ctx }) => ctx.lists.all()),

  /** A new, empty list. CONFLICT if the name is taken (ignoring case). */
  create: listProcedure.input(createListInput).mutation(({ ctx, input }) => ctx.lists.create(input.name)),

  rename: listProcedure.input(renameListInput).mutation(async ({ ctx, input }) => found(await ctx.lists.rename(input.id, input.name))),

  /** Deletes a list; its tasks move to the Inbox unless `deleteTasks`. Answers how many tasks were moved or deleted. */
  delete: listProcedure.input(deleteListInput).mutation(async ({ ctx, input }) => found(await ctx.lists.delete(input))),

  /**
   * Undoes a list's deletion within the undo window (`TASK_UNDO_WINDOW_SECONDS`): the list with its id
   * and name, and the tasks deleted with it. CONFLICT if a list of that name was made since.
   */
  restore: listProcedure.input(listIdInput).mutation(async ({ ctx, input }) => found(await ctx.lists.restore(input.id))),
});
