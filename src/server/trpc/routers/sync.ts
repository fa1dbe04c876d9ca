import { z } from "zod";
import { streamChanges } from "../../sync/stream";
import { createTRPCRouter, protectedProcedure } from "../init";

/**
 * Live sync. `changes` is a subscription served over SSE (`GET /api/trpc/sync.changes`,
 * `Accept: text/event-stream`) with the same Bearer token as every procedure; the HTTP handler refuses
 * a bad token (401) or a user's stream over `SYNC_MAX_STREAMS_PER_USER` (429) before the stream opens.
 * Events and their order: src/sync/stream.ts and docs/sync.md.
 */
export const syncRouter = createTRPCRouter({
  /** The signed-in user's changes from `lastEventId` on (resumed by `httpSubscriptionLink` on reconnect); ends at the token's `exp`. */
  changes: protectedProcedure
    .input(z.object({ lastEventId: z.string().max(64).nullish() }).default({}))
    .subscription(({ ctx, input, signal }) =>
      streamChanges({
        db: ctx.db,
        log: ctx.sync.log,
        notifier: ctx.sync.notifier,
        reads: ctx.sync.reads,
        coalesceMs: ctx.sync.coalesceMs,
        userId: ctx.user.id,
        sessionId: ctx.sessionId,
        lastEventId: input.lastEventId,
        signal,
      }),
    ),
});
