/**
 * A TypeScript program using the API: sign in (signing up first if the account does not exist yet),
 * get a JWT, call typed procedures. Run it against a running app (`npm run dev` in another terminal):
 *
 *   npx tsx examples/node-client.ts
 *
 * Variables: BASE_URL (default http://localhost:3000, the app's BETTER_AUTH_URL), EMAIL (default
 * example-client@example.com), PASSWORD (default a passphrase that meets the password policy), NAME (for
 * a sign-up, default "Example Client"). Against a production server, set EMAIL and PASSWORD to an account
 * of yours: the example signs up only when the sign-in says the account does not exist.
 */
import { createTRPCClient, httpBatchLink } from "@trpc/client";
import superjson from "superjson";
import type { AppRouter } from "../src/server/trpc/routers/_app";

const baseUrl = new URL(process.env.BASE_URL ?? "http://localhost:3000").origin;
const email = process.env.EMAIL ?? "example-client@example.com";
const password = process.env.PASSWORD ?? "violet harbor quantum lantern";
const name = process.env.NAME ?? "Example Client";

/** Says what went wrong, in one line, and stops. */
function fail(message: string): never {
  console.error(message);
  process.exit(1);
}

/** A JSON POST to Better Auth. Node's fetch sends Sec-Fetch-* headers, so its CSRF check wants an Origin it trusts: the app's own. */
const post = (path: string, body: object) =>
  fetch(`${baseUrl}/api/auth${path}`, { method: "POST", headers: { "content-type": "application/json", origin: baseUrl }, body: JSON.stringify(body) }).catch(() =>
    fail(`Cannot reach ${baseUrl}: start the app (npm run dev) or set BASE_URL`),
  );

// 1. Sign in; on a fresh database the account does not exist yet, so sign up (which signs in too).
let session = await post("/sign-in/email", { email, password });
if (session.status === 401) {
  session = await post("/sign-up/email", { email, password, name });
  if (session.status === 422 || session.status === 400) {
    const { message } = (await session.json()) as { message?: string };
    fail(`Sign-in as ${email} failed, and so did signing up (${message ?? session.status}): set EMAIL and PASSWORD to an account of yours`);
  }
  if (session.ok) console.log(`Signed up ${email} on ${baseUrl}`);
}
if (!session.ok) fail(`Sign-in failed: HTTP ${session.status} ${await session.text()}`);
const cookie = session.headers.getSetCookie().map((c) => c.split(";")[0]).join("; ");

// 2. Exchange the session for a short-lived access token (EdDSA JWT, 15 minutes by default).
const tokenResponse = await fetch(`${baseUrl}/api/auth/token`, { headers: { cookie } });
if (!tokenResponse.ok) fail(`Getting a token failed: HTTP ${tokenResponse.status}`);
const { token } = (await tokenResponse.json()) as { token: string };

// 3. Call procedures with the token. Inputs and outputs are typed from AppRouter.
const api = createTRPCClient<AppRouter>({
  links: [httpBatchLink({ url: `${baseUrl}/api/trpc`, transformer: superjson, headers: { authorization: `Bearer ${token}` } })],
});

const me = await api.user.me.query();
const task = await api.task.create.mutate({ title: "Written from Node", priority: "high" });
const { items, nextCursor } = await api.task.list.query({ filter: "active", limit: 10 });
console.log(`${me.name} has ${items.length} active task(s)${nextCursor ? " and more" : ""}; created ${task.id} at ${task.createdAt.toISOString()}`);
