import type { inferRouterInputs, inferRouterOutputs } from "@trpc/server";
import { createCallerFactory, createTRPCRouter } from "../init";
import { labelRouter } from "./label";
import { listRouter } from "./list";
import { subtaskRouter } from "./subtask";
import { syncRouter } from "./sync";
import { taskRouter } from "./task";
import { userRouter } from "./user";

/** The root router: every procedure the API exposes. Register new routers here. */
export const appRouter = createTRPCRouter({
  user: userRouter,
  task: taskRouter,
  list: listRouter,
  subtask: subtaskRouter,
  label: labelRouter,
  sync: syncRouter,
});

/** The API's type, all a TypeScript client needs: `createTRPCClient<AppRouter>(...)`. */
export type AppRouter = typeof appRouter;
/** Input types by procedure, e.g. `RouterInputs["task"]["create"]`. */
export type RouterInputs = inferRouterInputs<AppRouter>;
/** Output types by procedure, e.g. `RouterOutputs["task"]["list"]["items"][number]`. */
export type RouterOutputs = inferRouterOutputs<AppRouter>;

/** Calls procedures in process (server components, tests): `createCaller(await createContext(...))`. */
export const createCaller = createCallerFactory(appRouter);
