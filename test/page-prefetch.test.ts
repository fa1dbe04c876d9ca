import { dehydrate } from "@tanstack/react-query";
import { createHydrationHelpers } from "@trpc/react-query/rsc";
import { describe, expect, it, vi } from "vitest";
import { createCaller, type AppRouter } from "@/server/trpc/routers/_app";
import { createServerQueryClient } from "@/shared/query-client";
import { parseTaskPageParams, taskPageInput, taskStatsInput } from "@/shared/task-view";
import { createTestApp } from "./fixtures/test-app";

/**
 * What the signed-in page prefetches, built as src/server/trpc/rsc.ts builds it (that module is
 * server-only: the same helpers here, with the same query client), against a real app.
 */
describe("the page's prefetches", () => {
  it("once the user's budget is spent: a refused prefetch fails at once and is left out of the page", async () => {
    await using app = await createTestApp({ API_RATE_LIMIT_ENABLED: "true", API_RATE_LIMIT_PER_USER: "2", API_RATE_LIMIT_WINDOW_SECONDS: "60" });
    const user = await app.signUp();
    const context = await app.createContext({ headers: new Headers({ authorization: `Bearer ${user.token}` }) });
    const queryClient = createServerQueryClient();
    const { trpc } = createHydrationHelpers<AppRouter>(createCaller(async () => context), () => queryClient);
    const spent = vi.spyOn(app.rateLimiter, "consumeUser");

    const params = parseTaskPageParams(() => null);
    await Promise.all([
      trpc.task.list.prefetchInfinite(taskPageInput(params)),
      trpc.task.stats.prefetch(taskStatsInput(params)),
      trpc.list.all.prefetch(),
      trpc.label.all.prefetch(),
    ]);
    // One call each: tRPC's helper hands React Query the call's one promise.
    expect(spent).toHaveBeenCalledTimes(4);
    const queries = queryClient.getQueryCache().getAll();
    expect(queries.map((query) => query.state.status).sort()).toEqual(["error", "error", "success", "success"]);
    for (const query of queries.filter((q) => q.state.status === "error")) {
      expect(query.state.error).toMatchObject({ code: "TOO_MANY_REQUESTS" });
      // Not tried again: a retry would only await that promise once more, 1 s and then 2 s later, while
      // the page waits (3 of the failures, and 3 s, with the browser's retry rule).
      expect(query.state.fetchFailureCount).toBe(1);
    }
    // What HydrateClient hands the browser (dehydrate with the client's options): the two that answered.
    expect(dehydrate(queryClient).queries.map((query) => query.state.status)).toEqual(["success", "success"]);
  });
});
