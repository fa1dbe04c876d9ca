import "server-only";
import { createHydrationHelpers } from "@trpc/react-query/rsc";
import { headers } from "next/headers";
import { cache } from "react";
import { createServerQueryClient } from "@/shared/query-client";
import { mintAccessToken } from "../mint-access-token";
import { getApp } from "../server";
import type { Context } from "./context";
import { createCaller, type AppRouter } from "./routers/_app";

/**
 * Authentication for server components, once per request: a token minted from the session cookie
 * (`mintAccessToken`) and the context it yields through the same resolver as any API call.
 * No session: no token, no user; any other failure to mint one fails the page. The page hands the
 * token to the browser's token cache, so its first change needs no token request.
 */
export const getServerAuth = cache(async (): Promise<{ context: Context; accessToken: string | null }> => {
  // Read the request first: it marks the page dynamic, so `next build` never builds the app to prerender it.
  const requestHeaders = await headers();
  const app = getApp();
  const minted = await mintAccessToken(app.auth, requestHeaders);
  const context = await app.createContext({ headers: new Headers(minted ? { authorization: `Bearer ${minted}` } : {}) });
  return { context, accessToken: context.user ? minted : null };
});

/** The context server-side callers run with (see {@link getServerAuth}). */
export const getServerContext = async (): Promise<Context> => (await getServerAuth()).context;

/** One query client per request, shared by every prefetch in it (no retries: see createServerQueryClient). */
const getQueryClient = cache(createServerQueryClient);

/**
 * `serverApi.task.list.prefetchInfinite(input)` in a server component puts the data into the page;
 * `<HydrateClient>` hands it to the client components, whose queries then start with data. tRPC's
 * docs ask for the transformer in the query client's `dehydrate`/`hydrate` options; here the RSC
 * payload carries the Dates itself (see createQueryClient).
 */
export const { trpc: serverApi, HydrateClient } = createHydrationHelpers<AppRouter>(
  createCaller(getServerContext),
  getQueryClient,
);
