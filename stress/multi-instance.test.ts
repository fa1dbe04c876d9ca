import { spawn } from "node:child_process";
import { randomBytes, randomUUID } from "node:crypto";
import { decodeProtectedHeader } from "jose";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, onPostgres, type TestDatabase } from "../test/fixtures/database";
import { sseReader } from "../test/fixtures/sse";
import { LISTEN_APPLICATION_NAME } from "../src/server/sync/notifier";
import { startProductionServer, type ProductionServer } from "../test/fixtures/production-server";

const PASSWORD = "correct horse battery staple";
const SIGN_IN_LIMIT = 4;
const API_LIMIT_PER_USER = 12;

/**
 * Two production servers on two ports sharing one PostgreSQL database (a fresh schema on
 * TEST_DATABASE_URL), as behind a load balancer: they start (and migrate) at the same time, a session and a
 * token from one work on the other, data written through one is read through the other, the rate limits
 * are counted once for both, and a key rotated meanwhile is taken by both at once.
 */
describe.skipIf(!onPostgres)("two instances on one PostgreSQL database", () => {
  let database: TestDatabase;
  const servers: ProductionServer[] = [];
  // One app: one secret and one public origin (the tokens' issuer and audience, the trusted origin).
  const env = {
    BETTER_AUTH_SECRET: randomBytes(32).toString("base64"),
    BETTER_AUTH_URL: "http://localhost:3204",
    AUTH_RATE_LIMIT_ENABLED: "true",
    AUTH_SIGN_IN_RATE_LIMIT_MAX: String(SIGN_IN_LIMIT),
    API_RATE_LIMIT_ENABLED: "true",
    API_RATE_LIMIT_PER_USER: String(API_LIMIT_PER_USER),
  };
  const origin = env.BETTER_AUTH_URL;

  beforeAll(async () => {
    database = await createTestDatabase();
    // Both at once: their migrations meet on an empty database.
    servers.push(...(await Promise.all([3204, 3205].map((port) => startProductionServer(port, { ...env, DATABASE_URL: database.url })))));
  }, 120_000);
  afterAll(async () => {
    await Promise.all(servers.map((server) => server.stop()));
    await database?.drop();
  });

  const [a, b] = [() => servers[0]!, () => servers[1]!];
  const signUp = async (server: ProductionServer) => {
    const res = await fetch(`${server.url}/api/auth/sign-up/email`, {
      method: "POST",
      headers: { "content-type": "application/json", origin },
      body: JSON.stringify({ email: `multi-${randomUUID()}@example.com`, name: "Multi", password: PASSWORD }),
    });
    expect(res.status).toBe(200);
    return { id: ((await res.json()) as { user: { id: string } }).user.id, cookie: res.headers.getSetCookie().map((c) => c.split(";")[0]).join("; ") };
  };
  const tokenFrom = async (server: ProductionServer, cookie: string) => {
    const res = await fetch(`${server.url}/api/auth/token`, { headers: { cookie } });
    expect(res.status).toBe(200);
    return ((await res.json()) as { token: string }).token;
  };
  const call = (server: ProductionServer, token: string, path: string, input?: object) =>
    input === undefined
      ? fetch(`${server.url}/api/trpc/${path}`, { headers: { authorization: `Bearer ${token}` } })
      : fetch(`${server.url}/api/trpc/${path}`, {
          method: "POST",
          headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
          body: JSON.stringify({ json: input }),
        });
  const data = async <T>(res: Response): Promise<T> => {
    expect(res.status).toBe(200);
    return ((await res.json()) as { result: { data: { json: T } } }).result.data.json;
  };

  it("a session and a token from A work on B; what B writes, A reads", async () => {
    const user = await signUp(a());
    const token = await tokenFrom(a(), user.cookie);
    expect(await data(await call(b(), token, "user.me"))).toMatchObject({ id: user.id });
    // The session cookie A set is good on B too (one session table).
    expect(decodeProtectedHeader(await tokenFrom(b(), user.cookie)).alg).toBe("EdDSA");

    const created = await data<{ id: string }>(await call(b(), token, "task.create", { title: "Written on B" }));
    const page = await data<{ items: { id: string; title: string }[] }>(await call(a(), token, "task.list"));
    expect(page.items).toEqual([expect.objectContaining({ id: created.id, title: "Written on B" })]);
  });

  // The sync tests share one user: sign-ups count against the per-address limit like sign-ins.
  let syncUser: Promise<{ id: string; cookie: string }> | undefined;
  const signUpSyncUser = () => (syncUser ??= signUp(a()));
  /** The sync user's token (from A) and a `sync.changes` stream on B, once B's LISTEN connection is open. */
  const streamOnB = async () => {
    const token = await tokenFrom(a(), (await signUpSyncUser()).cookie);
    const res = await fetch(`${b().url}/api/trpc/sync.changes?input=${encodeURIComponent(JSON.stringify({ json: {} }))}`, {
      headers: { authorization: `Bearer ${token}`, accept: "text/event-stream" },
    });
    expect(res.status).toBe(200);
    const events = sseReader(res);
    await new Promise((resolve) => setTimeout(resolve, 500));
    return { token, events };
  };

  it("a change written through A reaches a sync.changes stream on B within a second (LISTEN/NOTIFY)", async () => {
    const { token, events } = await streamOnB();
    const started = Date.now();
    const created = await data<{ id: string }>(await call(a(), token, "task.create", { title: "Written on A" }));
    const event = await events.next(5_000);
    expect(event).toMatchObject({ data: { type: "task.upserted", task: { id: created.id, title: "Written on A" } } });
    expect(Date.now() - started).toBeLessThan(1_000);
    await events.close();
  });

  it("a dropped LISTEN connection is reopened and the stream on B then gets what A wrote meanwhile, once and in order", async () => {
    const { token, events } = await streamOnB();
    const write = async (title: string) => (await data<{ id: string }>(await call(a(), token, "task.create", { title }))).id;
    const before = await write("Before the cut");
    expect(await events.next(5_000)).toMatchObject({ data: { type: "task.upserted", task: { id: before } } });

    // The server side of every instance's LISTEN connection goes away, as in a failover or a restart.
    const admin = new pg.Client({ connectionString: database.url });
    await admin.connect();
    const cut = await admin.query<{ terminated: boolean }>(
      "select pg_terminate_backend(pid) as terminated from pg_stat_activity where application_name = $1 and datname = current_database()",
      [LISTEN_APPLICATION_NAME],
    );
    await admin.end();
    expect(cut.rows.length).toBeGreaterThan(0);
    // Written while B has no LISTEN connection: its NOTIFY reaches nobody there.
    const during = [await write("While cut 1"), await write("While cut 2")];

    // B reconnects (after 1 s), then wakes every stream, which reads the log from where it is.
    const seen = [await events.next(10_000), await events.next(5_000)];
    expect(seen.map((event) => (event?.data as { task: { id: string } }).task.id)).toEqual(during);
    const after = await write("After the cut");
    expect(await events.next(2_000)).toMatchObject({ data: { type: "task.upserted", task: { id: after } } });
    expect(await events.quietFor(300)).toBe(true);
    await events.close();
  });

  it("counts sign-in attempts once for both instances", async () => {
    const statuses: number[] = [];
    for (let i = 0; i < SIGN_IN_LIMIT + 2; i++) {
      const server = i % 2 === 0 ? a() : b();
      const res = await fetch(`${server.url}/api/auth/sign-in/email`, {
        method: "POST",
        headers: { "content-type": "application/json", origin },
        body: JSON.stringify({ email: "nobody@example.com", password: "wrong password 123" }),
      });
      statuses.push(res.status);
    }
    // Counted per instance, each would have allowed SIGN_IN_LIMIT: all six would be 401.
    expect(statuses).toEqual([...Array<number>(SIGN_IN_LIMIT).fill(401), 429, 429]);
  });

  it("counts a user's API calls once for both instances", async () => {
    const user = await signUp(b());
    const token = await tokenFrom(b(), user.cookie);
    const statuses: number[] = [];
    for (let i = 0; i < API_LIMIT_PER_USER + 2; i++) statuses.push((await call(i % 2 === 0 ? a() : b(), token, "user.me")).status);
    expect(statuses).toEqual([...Array<number>(API_LIMIT_PER_USER).fill(200), 429, 429]);
  });

  it("takes a key rotated meanwhile on both instances at once, old tokens included", async () => {
    const user = await signUp(a());
    const before = await tokenFrom(a(), user.cookie);
    expect((await call(a(), before, "task.stats", undefined)).status).toBe(200);
    expect((await call(b(), before, "task.stats", undefined)).status).toBe(200); // both have loaded the key set

    const rotated = await new Promise<{ code: number | null; output: string }>((resolve) => {
      const child = spawn("npm", ["run", "-s", "keys:rotate"], { env: { ...process.env, ...env, DATABASE_URL: database.url } });
      let output = "";
      child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
      child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()));
      child.on("exit", (code) => resolve({ code, output }));
    });
    expect(rotated.output).toContain("Retired 1 signing key");
    expect(rotated.code).toBe(0);

    // B signs with a new key; A has never seen it and must fetch it (an unknown kid, within its cooldown).
    const after = await tokenFrom(b(), user.cookie);
    expect(decodeProtectedHeader(after).kid).not.toBe(decodeProtectedHeader(before).kid);
    for (const server of [a(), b()]) {
      expect((await call(server, after, "task.stats")).status).toBe(200);
      expect((await call(server, before, "task.stats")).status).toBe(200);
    }
  });
});
