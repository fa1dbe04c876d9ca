/**
 * A TypeScript program using the API: sign in, get a JWT, call typed procedures.
 * Run against a running app: `npx tsx examples/node-client.ts` (BASE_URL, EMAIL, PASSWORD to override).
 */
import { createTRPCClient, httpBatchLink } from "@trpc/client";
import superjson from "superjson";
import type { AppRouter } from "../src/server/trpc/routers/_app";

const baseUrl = process.env.BASE_URL ?? "http://localhost:3000";
const email = process.env.EMAIL ?? "ada@example.com";
const password = process.env.PASSWORD ?? "correct horse battery staple";

// 1. Sign in. Better Auth answers with a session cookie. Node's fetch sends Sec-Fetch-* headers,
//    so Better Auth's CSRF check wants an Origin it trusts: the app's own.
const signIn = await fetch(`${baseUrl}/api/auth/sign-in/email`, {
  method: "POST",
  headers: { "content-type": "application/json", origin: baseUrl },
  body: JSON.stringify({ email, password }),
});
if (!signIn.ok) throw new Error(`Sign-in failed: HTTP ${signIn.status} ${await signIn.text()}`);
const cookie = signIn.headers.getSetCookie().map((c) => c.split(";")[0]).join("; ");

// 2. Exchange the session for a short-lived access token (EdDSA JWT, 15 minutes by default).
const tokenResponse = await fetch(`${baseUrl}/api/auth/token`, { headers: { cookie } });
const { token } = (await tokenResponse.json()) as { token: string };

// 3. Call procedures with the token. Inputs and outputs are typed from AppRouter.
const api = createTRPCClient<AppRouter>({
  links: [
    httpBatchLink({ url: `${baseUrl}/api/trpc`, transformer: superjson, headers: { authorization: `Bearer ${token}` } }),
  ],
});

const me = await api.user.me.query();
const task = await api.task.create.mutate({ title: "Written from Node", priority: "high" });
const { items, nextCursor } = await api.task.list.query({ filter: "active", limit: 10 });
console.log(`${me.name} has ${items.length} active task(s)${nextCursor ? " and more" : ""}; created ${task.id} at ${task.createdAt.toISOString()}`);
