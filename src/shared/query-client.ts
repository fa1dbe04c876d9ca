import { QueryClient, type QueryClientConfig } from "@tanstack/react-query";
import { TRPCClientError } from "@trpc/client";

/** HTTP status of a tRPC client error, if it has one. */
const statusOf = (error: unknown) => (error as { data?: { httpStatus?: number } } | null)?.data?.httpStatus;

/** A request that got no answer at all (the network failed before the server could reply). */
const unanswered = (error: unknown) => error instanceof TRPCClientError && statusOf(error) === undefined;

/**
 * The React Query client for both sides: the server prefetches into one (per request) and dehydrates
 * it into the page. No transformer runs there: the dehydrated data travels in React's RSC payload, which
 * carries Dates (and `undefined`) as such, so a superjson pass on the server and its undoing during the
 * server render and again in the browser would only cost time (bench/README.md, 15). So what a page
 * prefetches must be what React passes to a client component (plain objects and arrays, Dates, Maps,
 * Sets, bigints; no class instances), which every procedure's output is. The API's own answers still
 * use superjson (src/lib/trpc.tsx).
 */
export function createQueryClient(config: Pick<QueryClientConfig, "queryCache" | "mutationCache"> = {}, { inProcess = false } = {}) {
  return new QueryClient({
    ...config,
    defaultOptions: {
      queries: {
        // Prefetched data is fresh for a while: no refetch right after hydration.
        staleTime: 30_000,
        // A 4xx will not get better by asking again; network errors and 5xx get two more tries. In process
        // no failure is a network's, and a retry's wait (1 s, then 2 s) would hold a page render.
        retry: inProcess ? false : (count, error) => count < 2 && !/^4\d\d$/.test(String(statusOf(error))),
      },
      // A change the network dropped is sent again, not lost: often the browser learns it is offline
      // only after the request failed, and then the retry waits (paused, saved: src/lib/offline-queue.ts)
      // until it is back. An answer (a 4xx or 5xx) is final, and so is a change never sent (no task id).
      mutations: {
        retry: (count, error) => count < 3 && unanswered(error),
        retryDelay: (count) => (count === 0 ? 100 : 1_000 * 2 ** count),
      },
    },
  });
}

/**
 * The query client a page's prefetches run in (one per request, src/server/trpc/rsc.ts). They call the
 * procedures in process, so a refusal (TOO_MANY_REQUESTS once the user's budget is spent, say) is final:
 * the query is left out of the page and the browser asks for it, and says why, after hydration. Tried
 * again, it would hold one of the `PAGE_RENDER_CONCURRENCY` render slots for 3 s per page.
 */
export const createServerQueryClient = () => createQueryClient({}, { inProcess: true });
