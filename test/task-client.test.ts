import { TRPCClientError } from "@trpc/client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTaskClient, TaskClientError } from "@/client/task-client";
import { createTestApp, TEST_ORIGIN, TEST_PASSWORD, type TestApp, type TestUser } from "./fixtures/test-app";

describe("typed Node client (src/client)", () => {
  let app: TestApp;
  let user: TestUser;
  /** The client talks HTTP to the real app in process, counting token requests. */
  let tokenRequests = 0;
  const viaApp: typeof fetch = (input, init) => {
    const request = new Request(input, init);
    if (new URL(request.url).pathname === "/api/auth/token") tokenRequests += 1;
    return app.fetch(request);
  };

  beforeAll(async () => {
    app = await createTestApp({ ACCESS_TOKEN_TTL_SECONDS: "10" });
    user = await app.signUp({ name: "Script" });
  });
  afterAll(() => app.close());

  it("signs in with a password and calls typed procedures", async () => {
    const client = await createTaskClient({ baseUrl: TEST_ORIGIN, email: user.email, password: TEST_PASSWORD, fetch: viaApp });
    expect(await client.user.me.query()).toMatchObject({ id: user.id, name: "Script" });
    const task = await client.task.create.mutate({ title: "From a script", dueDate: new Date("2030-01-01") });
    expect(task.dueDate).toBeInstanceOf(Date);
    expect((await client.task.list.query()).items.map((t) => t.title)).toContain("From a script");
    expect(client.sessionCookie).toMatch(/session_token=/);
  });

  it("reuses its token, and fetches a new one once after a 401", async () => {
    const client = await createTaskClient({ baseUrl: TEST_ORIGIN, email: user.email, password: TEST_PASSWORD, fetch: viaApp });
    tokenRequests = 0;
    await Promise.all([client.task.stats.query(), client.user.me.query(), client.task.list.query()]);
    expect(tokenRequests).toBe(0); // the token fetched at creation is still fresh

    // The server stops accepting this token (as after a key rotation): one new token, one retry.
    let refuseNextCall = true;
    const rotated = await createTaskClient({
      baseUrl: TEST_ORIGIN,
      sessionCookie: client.sessionCookie!,
      fetch: (input, init) => {
        const request = new Request(input, init);
        if (request.url.includes("/api/trpc/") && refuseNextCall) {
          refuseNextCall = false;
          request.headers.set("authorization", "Bearer expired.or.rotated");
        }
        return viaApp(request);
      },
    });
    tokenRequests = 0;
    expect(await rotated.user.me.query()).toMatchObject({ id: user.id });
    expect(tokenRequests).toBe(1);
  });

  it("refreshes the token before it expires", async () => {
    const client = await createTaskClient({ baseUrl: TEST_ORIGIN, email: user.email, password: TEST_PASSWORD, fetch: viaApp });
    tokenRequests = 0;
    // 10 s tokens (this app's configuration) are refreshed at three quarters of their life.
    await new Promise((resolve) => setTimeout(resolve, 8_000));
    await client.user.me.query();
    expect(tokenRequests).toBe(1);
  }, 15_000);

  it("signs out: the session can no longer get tokens", async () => {
    const client = await createTaskClient({ baseUrl: TEST_ORIGIN, email: user.email, password: TEST_PASSWORD, fetch: viaApp });
    const cookie = client.sessionCookie!;
    await client.signOut();
    expect(client.sessionCookie).toBeNull();
    await expect(createTaskClient({ baseUrl: TEST_ORIGIN, sessionCookie: cookie, fetch: viaApp })).rejects.toMatchObject({
      code: "NOT_SIGNED_IN",
    });
  });

  it.each([
    ["a wrong password", { email: "nobody@example.com", password: "wrong password here" }, "INVALID_CREDENTIALS"],
    ["an ended session", { sessionCookie: "better-auth.session_token=nope" }, "NOT_SIGNED_IN"],
  ])("refuses %s with a clear error", async (_, credentials, code) => {
    const attempt = createTaskClient({ baseUrl: TEST_ORIGIN, fetch: viaApp, ...credentials });
    await expect(attempt).rejects.toBeInstanceOf(TaskClientError);
    await expect(attempt).rejects.toMatchObject({ code });
  });

  it("reports an unreachable server", async () => {
    const attempt = createTaskClient({ baseUrl: "http://127.0.0.1:9", email: user.email, password: TEST_PASSWORD });
    await expect(attempt).rejects.toMatchObject({ code: "UNREACHABLE" });
  });

  it("with a ready access token: calls work, and a bad token surfaces as UNAUTHORIZED", async () => {
    const client = await createTaskClient({ baseUrl: TEST_ORIGIN, accessToken: user.token, fetch: viaApp });
    expect(await client.user.me.query()).toMatchObject({ id: user.id });
    const bad = await createTaskClient({ baseUrl: TEST_ORIGIN, accessToken: "x.y.z", fetch: viaApp });
    const error = await bad.user.me.query().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TRPCClientError);
    expect((error as TRPCClientError<never>).data).toMatchObject({ code: "UNAUTHORIZED" });
  });
});
