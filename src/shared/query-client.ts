import { QueryClient, type QueryClientConfig } from "@tanstack/react-query";
import superjson from "superjson";

/** HTTP status of a tRPC client error, if it has one. */
const statusOf = (error: unknown) => (error as { data?: { httpStatus?: number } } | null)?.data?.httpStatus;

/**
 * The React Query client for both sides: the server prefetches into one (per request) and dehydrates
 * it with superjson; the browser hydrates it with superjson, so Dates stay Dates.
 */
export function createQueryClient(config: Pick<QueryClientConfig, "queryCache" | "mutationCache"> = {}) {
  return new QueryClient({
    ...config,
    defaultOptions: {
      queries: {
        // Prefetched data is fresh for a while: no refetch right after hydration.
        staleTime: 30_000,
        // A 4xx will not get better by asking again; network errors and 5xx get two more tries.
        retry: (count, error) => count < 2 && !/^4\d\d$/.test(String(statusOf(error))),
      },
      dehydrate: { serializeData: superjson.serialize },
      hydrate: { deserializeData: superjson.deserialize },
    },
  });
}
