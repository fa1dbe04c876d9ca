import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { createTaskClient } from "@/client/task-client";
import type { SyncEvent } from "@/shared/sync-events";
import { createTestApp, TEST_ORIGIN, TEST_PASSWORD, type TestApp, type TestUser } from "./fixtures/test-app";
import { sseReader } from "./fixtures/sse";

/**
 * `sync.changes` over real HTTP and SSE (the app's fetch handler, as both serving paths use it): the
 * contract in shared/ARCHITECTURE.md. Events are read off the wire, as an EventSource reads them.
 */
describe("sync.changes", () => {
  let app: TestApp;
  let alice: TestUser;
  let bob: TestUser;

  beforeAll(async () => {
    app = await createTestApp({ SYNC_MAX_STREAMS_PER_USER: "3" });
    alice = await app.signUp({ name: "Alice" });
    bob = await app.signUp({ name: "Bob" });
  });
  afterAll(() => app.close());

  /** Opens a stream as httpSubscriptionLink does: GET, an event stream, the token in a header. */
  const open = (token: string | null, input: object = {}, headers: Record<string, string> = {}) =>
    app.fetch(`/api/trpc/sync.changes?input=${encodeURIComponent(JSON.stringify({ json: input }))}`, {
      headers: { accept: "text/event-stream", ...(token ? { authorization: `Bearer ${token}` } : {}), ...headers },
    });

  it("refuses no token, a garbage token and an expired one with a 401 before any stream opens", async () => {
    const expired = await app.signAsApp({ sub: alice.id, iss: app.config.baseUrl, aud: app.config.baseUrl, iat: Math.floor(Date.now() / 1000) - 120, exp: Math.floor(Date.now() / 1000) - 60 });
    const answers = [];
    for (const token of [null, "garbage", expired]) {
      const res = await open(token);
      expect(res.headers.get("content-type")).toMatch(/^application\/json/);
      // RFC 6750 3.1: the error code only when a token was sent.
      expect(res.headers.get("www-authenticate")).toBe(token === null ? 'Bearer realm="api"' : 'Bearer realm="api", error="invalid_token"');
      const body = (await res.json()) as { error: { json: { message: string; data: { code: string } } } };
      answers.push([res.status, body.error.json.data.code, body.error.json.message]);
    }
    expect(answers).toEqual([
      [401, "UNAUTHORIZED", "Authentication required: send an access token as 'Authorization: Bearer <token>'"],
      [401, "UNAUTHORIZED", "Invalid access token"],
      [401, "UNAUTHORIZED", "Access token expired"],
    ]);
  });

  it("delivers the owner's own changes as tracked events, and nothing of them to anyone else", async () => {
    const mine = sseReader(await open(alice.token));
    const theirs = sseReader(await open(bob.token));
    const api = app.client(alice.token);
    const task = await api.task.create.mutate({ title: "Secret plan" });
    const created = await mine.next();
    expect(created).toMatchObject({ id: expect.stringMatching(/^\d+$/), data: { type: "task.upserted", task: { id: task.id, title: "Secret plan" } } });
    const updated = await api.task.update.mutate({ id: task.id, completed: true });
    expect(await mine.next()).toMatchObject({ data: { type: "task.upserted", task: { id: task.id, completed: true } } });
    expect(await mine.quietFor(200)).toBe(true); // one event a change, nothing else
    await api.task.delete.mutate({ id: updated.id });
    expect(await mine.next()).toMatchObject({ data: { type: "task.deleted", id: task.id } });
    const list = await api.list.create.mutate({ name: "Plans" });
    expect(await mine.next()).toMatchObject({ data: { type: "list.upserted", list: { id: list.id, name: "Plans" } } });
    await api.list.delete.mutate({ id: list.id });
    expect(await mine.next()).toMatchObject({ data: { type: "list.deleted", id: list.id } });
    // Bob's stream heard nothing: no id, no title, no count.
    expect(await theirs.quietFor(300)).toBe(true);
    await mine.close();
    await theirs.close();
  });

  it("resumes after lastEventId with every later change once, in order; the Last-Event-ID header works too", async () => {
    const api = app.client(alice.token);
    const first = sseReader(await open(alice.token));
    await api.task.create.mutate({ title: "before the gap" });
    const seen = await first.next();
    await first.close();
    const made = [];
    for (const title of ["gap 1", "gap 2", "gap 3"]) made.push(await api.task.create.mutate({ title }));
    await api.task.delete.mutate({ id: made[1]!.id });
    for (const resume of [open(alice.token, { lastEventId: seen!.id }), open(alice.token, {}, { "last-event-id": seen!.id! })]) {
      const again = sseReader(await resume);
      const events = [];
      for (let i = 0; i < 4; i += 1) events.push(await again.next());
      expect(events.map((e) => [(e!.data as { type: string }).type, Number(e!.id) - Number(seen!.id)])).toEqual([
        ["task.upserted", 1],
        ["task.upserted", 2],
        ["task.upserted", 3],
        ["task.deleted", 4],
      ]);
      expect(await again.quietFor(200)).toBe(true);
      await again.close();
    }
  });

  it("a page's cursor (log.latest, read before its data) resumes with exactly the changes made after it", async () => {
    const carol = await app.signUp({ name: "Carol" });
    expect(await app.sync.log.latest(app.db, carol.id)).toBe(0); // no change yet: 0, which resumes from the start
    const api = app.client(carol.token);
    await api.task.create.mutate({ title: "in the page" });
    const cursor = await app.sync.log.latest(app.db, carol.id);
    expect(cursor).toBe(1);
    await api.task.create.mutate({ title: "made while the page loads" });
    const stream = sseReader(await open(carol.token, { lastEventId: String(cursor) }));
    expect(await stream.next()).toMatchObject({ id: "2", data: { type: "task.upserted", task: { title: "made while the page loads" } } });
    expect(await stream.quietFor(200)).toBe(true);
    await stream.close();
  });

  it("answers resync for a lastEventId it cannot resume from: unknown, malformed, another user's, pruned", async () => {
    const api = app.client(bob.token);
    await api.task.create.mutate({ title: "bob's first" }); // bob's ids: 1
    for (const lastEventId of ["999999", "not-a-number", "-1"]) {
      const stream = sseReader(await open(bob.token, { lastEventId }));
      expect(await stream.next()).toMatchObject({ id: "1", data: { type: "resync" } });
      await stream.close();
    }
    // Pruned: a log that keeps 60 s, read 61 s later.
    await using short = await createTestApp({ SYNC_RETENTION_SECONDS: "60" });
    const carol = await short.signUp();
    await short.client(carol.token).task.create.mutate({ title: "old" });
    await short.client(carol.token).task.create.mutate({ title: "old too" });
    await short.db.updateTable("change_log").set({ created_at: new Date(Date.now() - 61_000).toISOString() }).execute();
    const res = await short.fetch(`/api/trpc/sync.changes?input=${encodeURIComponent(JSON.stringify({ json: { lastEventId: "1" } }))}`, {
      headers: { accept: "text/event-stream", authorization: `Bearer ${carol.token}` },
    });
    const stream = sseReader(res);
    expect(await stream.next()).toMatchObject({ id: "2", data: { type: "resync" } });
    await stream.close();
  });

  it("a bulk operation sends one resync, not an event per task", async () => {
    const api = app.client(alice.token);
    for (const title of ["b1", "b2", "b3"]) await api.task.create.mutate({ title });
    const stream = sseReader(await open(alice.token));
    expect(await api.task.toggleAll.mutate({ completed: true })).toMatchObject({ count: expect.any(Number) });
    expect(await stream.next()).toMatchObject({ data: { type: "resync" } });
    await api.task.clearCompleted.mutate();
    expect(await stream.next()).toMatchObject({ data: { type: "resync" } });
    expect(await stream.quietFor(200)).toBe(true);
    await stream.close();
  });

  it("refuses more than SYNC_MAX_STREAMS_PER_USER open streams with 429, and frees a slot when one closes", async () => {
    const streams = [];
    for (let i = 0; i < 3; i += 1) {
      const res = await open(bob.token);
      expect(res.status).toBe(200);
      streams.push(sseReader(res));
    }
    const refused = await open(bob.token);
    expect(refused.status).toBe(429);
    expect(refused.headers.get("retry-after")).toMatch(/^\d+$/);
    expect(((await refused.json()) as { error: { json: { data: { code: string } } } }).error.json.data.code).toBe("TOO_MANY_REQUESTS");
    // Another user is not affected.
    const other = await open(alice.token);
    expect(other.status).toBe(200);
    await other.body?.cancel();
    await streams.pop()!.close();
    await new Promise((resolve) => setTimeout(resolve, 50));
    const again = await open(bob.token);
    expect(again.status).toBe(200);
    await again.body?.cancel();
    for (const stream of streams) await stream.close();
  });

  it("ends the stream at the token's exp without an end event, so the client reconnects; a deleted user's stream ends", async () => {
    await using shortLived = await createTestApp({ ACCESS_TOKEN_TTL_SECONDS: "10" });
    const dave = await shortLived.signUp();
    const now = Math.floor(Date.now() / 1000);
    const token = await shortLived.signAsApp({ sub: dave.id, iss: shortLived.config.baseUrl, aud: shortLived.config.baseUrl, iat: now - 8, exp: now + 2 });
    const res = await shortLived.fetch(`/api/trpc/sync.changes?input=${encodeURIComponent(JSON.stringify({ json: {} }))}`, {
      headers: { accept: "text/event-stream", authorization: `Bearer ${token}` },
    });
    const stream = sseReader(res);
    const started = Date.now();
    expect(await stream.next(6_000)).toBeNull(); // ended, and not with tRPC's "return" event
    expect(Date.now() - started).toBeGreaterThan(500);

    const erin = await shortLived.signUp();
    const erinStream = sseReader(
      await shortLived.fetch(`/api/trpc/sync.changes?input=${encodeURIComponent(JSON.stringify({ json: {} }))}`, {
        headers: { accept: "text/event-stream", authorization: `Bearer ${erin.token}` },
      }),
    );
    const deleted = await shortLived.fetch("/api/auth/delete-user", {
      method: "POST",
      headers: { cookie: erin.cookie, origin: shortLived.config.baseUrl, "content-type": "application/json" },
      body: JSON.stringify({ password: "correct horse battery staple" }),
    });
    expect(deleted.status).toBe(200);
    // Woken by the sign-out that deleting the account does, the stream ends as a reconnection would be answered.
    expect(await erinStream.next(3_000)).toMatchObject({ event: "serialized-error", data: { data: { code: "UNAUTHORIZED" } } });
  }, 30_000);

  it("an outage before the stream opens is a generic 500, with the cause in the log only", async () => {
    await using broken = await createTestApp();
    const user = await broken.signUp();
    await broken.close(); // the database is gone
    const logged = vi.spyOn(console, "error").mockImplementation(() => {});
    try {
      const res = await broken.handleTrpc(
        new Request(`${TEST_ORIGIN}/api/trpc/sync.changes?input=${encodeURIComponent(JSON.stringify({ json: {} }))}`, {
          headers: { accept: "text/event-stream", authorization: `Bearer ${user.token}` },
        }),
      );
      expect(res.status).toBe(500);
      const body = JSON.stringify(await res.json());
      expect(body).toContain("Internal server error");
      expect(body).not.toMatch(/sqlite|database|connection|at .*\.ts/i);
      expect(logged).toHaveBeenCalled();
    } finally {
      logged.mockRestore();
    }
  });

  it("the typed client subscribes with its token in a header and gets typed, tracked events", async () => {
    const client = await createTaskClient({ baseUrl: TEST_ORIGIN, email: alice.email, password: TEST_PASSWORD, fetch: (input, init) => app.fetch(new Request(input, init)) });
    const received: { id: string; data: SyncEvent }[] = [];
    const errors: unknown[] = [];
    const started = new Promise<void>((resolve) => {
      const subscription = client.sync.changes.subscribe(
        {},
        {
          onStarted: () => resolve(),
          onData: (event) => received.push(event),
          onError: (error) => errors.push(error),
        },
      );
      cleanup.push(() => subscription.unsubscribe());
    });
    await started;
    const task = await client.task.create.mutate({ title: "Typed and tracked" });
    for (let i = 0; i < 50 && received.length === 0; i += 1) await new Promise((resolve) => setTimeout(resolve, 50));
    expect(received).toEqual([{ id: expect.stringMatching(/^\d+$/), data: { type: "task.upserted", task } }]);
    expect(errors).toEqual([]);
  });
});

const cleanup: (() => void)[] = [];
afterAll(() => {
  for (const done of cleanup) done();
});
