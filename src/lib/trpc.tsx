"use client";

import { MutationCache, QueryCache, QueryClientProvider } from "@tanstack/react-query";
import { httpBatchLink, httpLink, retryLink, splitLink, type HTTPHeaders } from "@trpc/client";
import { createTRPCReact } from "@trpc/react-query";
import { useState, type ReactNode } from "react";
import superjson from "superjson";
import { CLIENT_BATCH_MAX_ITEMS } from "@/shared/batch-size";
import type { AppRouter } from "@/server/trpc/routers/_app";
import { accessTokens, NotSignedInError } from "./access-token";
import { isUnauthorized } from "./errors";
import { createQueryClient } from "@/shared/query-client";
import { installQueuedMutations } from "./mutation-queue";

/** Typed React hooks for every procedure: `api.task.list.useInfiniteQuery(...)`. */
export const api = createTRPCReact<AppRouter>();

/** Signed out or the session expired: start over at the sign-in page. */
function toSignIn() {
  accessTokens.clear();
  // A full navigation on purpose: it drops every cached query of the old session.
  // eslint-disable-next-line @next/next/no-location-assign-relative-destination
  window.location.assign("/sign-in");
}

function createBrowserQueryClient() {
  const onError = (error: unknown) => {
    if (isUnauthorized(error)) toSignIn();
  };
  /** Set once this page has sent a change: data rendered on the server from then on may predate it. */
  let changed = false;
  const queryClient = createQueryClient({
    queryCache: new QueryCache({ onError }),
    mutationCache: new MutationCache({
      onError,
      onMutate: () => {
        changed = true;
      },
    }),
  });
  // A client navigation (a filter link, Back) renders the page on the server, which hands over its
  // data. Read before a change of the user's reached the server, it would put the old row back on
  // screen, and nothing would refetch it while it counts as fresh. So after the first change, a view
  // that arrives that way is shown but fetched again at once. (Data for views already in the cache is
  // only taken if newer; see TanStack Query's hydrate.)
  queryClient.getQueryCache().subscribe((event) => {
    if (changed && event.type === "added" && event.query.state.data !== undefined) event.query.invalidate();
  });
  return queryClient;
}

/** The API authenticates with the JWT only, never the cookie. */
async function authorization(): Promise<HTTPHeaders> {
  try {
    return { authorization: `Bearer ${await accessTokens.get()}` };
  } catch (error) {
    // No session: send no token, so the API answers 401 and the app goes to sign-in.
    if (error instanceof NotSignedInError) return {};
    throw error;
  }
}

function createClient() {
  const url = "/api/trpc";
  return api.createClient({
    links: [
      // A 401 usually means the cached token expired early (clock skew, key rotation, sign-out elsewhere):
      // drop it and retry once with a fresh one. A second 401 is final.
      retryLink({
        retry: ({ error, attempts }) => {
          if (!isUnauthorized(error) || attempts > 1) return false;
          accessTokens.clear();
          return true;
        },
      }),
      splitLink({
        condition: (op) => op.type === "mutation",
        // Changes show before the server has them, so each is sent at once (a batch would wait a tick,
        // and a reload in that tick would lose it) and with keepalive, which lets one in flight finish
        // even if the page is reloaded or closed. They are queued in order anyway (see use-task-actions).
        true: httpLink({
          url,
          transformer: superjson,
          headers: authorization,
          fetch: (input, init) => fetch(input, { ...init, keepalive: true }),
        }),
        // Queries made together (the list and the counts) go in one request.
        false: httpBatchLink({ url, transformer: superjson, headers: authorization, maxItems: CLIENT_BATCH_MAX_ITEMS }),
      }),
    ],
  });
}

/** Provides the tRPC client and React Query cache to client components. */
export function TRPCReactProvider({ children }: { children: ReactNode }) {
  const [{ queryClient, trpcClient }] = useState(() => {
    const clients = { queryClient: createBrowserQueryClient(), trpcClient: createClient() };
    // The page's changes run from the cache's defaults, so changes saved offline can run after a reload.
    installQueuedMutations(clients.queryClient, clients.trpcClient);
    return clients;
  });
  return (
    <api.Provider client={trpcClient} queryClient={queryClient}>
      <QueryClientProvider client={queryClient}>{children}</QueryClientProvider>
    </api.Provider>
  );
}
