import { createTRPCRouter, protectedProcedure } from "../init";

/** The signed-in user's own account. */
export const userRouter = createTRPCRouter({
  /** Who the access token belongs to. */
  me: protectedProcedure.query(({ ctx }) => ctx.user),
});
