import { TRPCError } from "@trpc/server";
import { createLabelInput, labelIdInput, updateLabelInput } from "@/shared/label-input";
import { LabelNameTakenError, LabelQuotaExceededError, labelRepository } from "../../labels/label-repository";
import { createTRPCRouter, protectedProcedure } from "../init";

/** Every procedure here sees only `ctx.user`'s labels: the repository is built for that user alone. */
const labelProcedure = protectedProcedure.use(async ({ ctx, next, type }) => {
  const labels = labelRepository(ctx.db, ctx.user.id, { quota: ctx.limits.labelQuotaPerUser, changes: ctx.sync.log });
  const result = await next({ ctx: { labels } });
  // Committed: wake the user's streams (sync.changes).
  if (result.ok && type === "mutation") ctx.sync.notifier.notify(ctx.user.id);
  if (!result.ok) {
    const { cause } = result.error;
    if (cause instanceof LabelNameTakenError) throw new TRPCError({ code: "CONFLICT", message: cause.message });
    if (cause instanceof LabelQuotaExceededError) throw new TRPCError({ code: "FORBIDDEN", message: cause.message });
  }
  return result;
});

/** Another user's label and a missing one give the same answer. */
function found<T>(value: T | undefined): T {
  if (value === undefined) throw new TRPCError({ code: "NOT_FOUND", message: "Label not found" });
  return value;
}

/** The signed-in user's labels. A task carries any number of them (`task.create`/`task.update` `labelIds`). */
export const labelRouter = createTRPCRouter({
  /** Every label, by name, with open and total task counts. */
  all: labelProcedure.query(({ ctx }) => ctx.labels.all()),

  /** A new label (colour gray unless given). CONFLICT if the name is taken (ignoring case). */
  create: labelProcedure.input(createLabelInput).mutation(({ ctx, input }) => ctx.labels.create(input)),

  /** Renames or recolours a label. */
  update: labelProcedure.input(updateLabelInput).mutation(async ({ ctx, input }) => found(await ctx.labels.update(input))),

  /** Deletes a label and takes it off every task (the tasks stay). Answers how many tasks carried it. */
  delete: labelProcedure.input(labelIdInput).mutation(async ({ ctx, input }) => found(await ctx.labels.delete(input.id))),
});
