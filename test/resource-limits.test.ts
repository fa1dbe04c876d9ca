import superjson from "superjson";
import { describe, expect, it } from "vitest";
import { createTestApp, type TestApp } from "./fixtures/test-app";

/**
 * OWASP API4 (unrestricted resource consumption): every limit is configuration, refused with a
 * typed error before work is done, and changes nothing.
 */
type ErrorBody = { error: { json: { message: string; data: { code: string; httpStatus: number } } } };

const createTask = (app: TestApp, token: string, body: BodyInit, headers: Record<string, string> = {}) =>
  app.fetch("/api/trpc/task.create", {
    method: "POST",
    headers: { authorization: `Bearer ${token}`, "content-type": "application/json", ...headers },
    body,
    duplex: "half",
  } as RequestInit);

const taskCount = async (app: TestApp, userId: string) =>
  (await app.db.selectFrom("task").select("id").where("user_id", "=", userId).execute()).length;

describe("request body size (API_MAX_BODY_BYTES)", () => {
  it("refuses a larger body with 413 before reading it, with or without Content-Length", async () => {
    await using app = await createTestApp({ API_MAX_BODY_BYTES: "2048" });
    const user = await app.signUp();
    const big = JSON.stringify(superjson.serialize({ title: "Too big", notes: "x".repeat(5_000) }));

    const declared = await createTask(app, user.token, big);
    expect(declared.status).toBe(413);
    expect(((await declared.json()) as ErrorBody).error.json).toMatchObject({
      message: "Request body too large (at most 2048 bytes)",
      data: { code: "PAYLOAD_TOO_LARGE", httpStatus: 413 },
    });

    const chunked = new ReadableStream({
      start(controller) {
        for (let i = 0; i < 5; i += 1) controller.enqueue(new TextEncoder().encode(big.slice(i * 1000, (i + 1) * 1000)));
        controller.enqueue(new TextEncoder().encode(big.slice(5000)));
        controller.close();
      },
    });
    expect((await createTask(app, user.token, chunked)).status).toBe(413);
    expect(await taskCount(app, user.id)).toBe(0);

    const small = JSON.stringify(superjson.serialize({ title: "Fits" }));
    expect((await createTask(app, user.token, small)).status).toBe(200);
  });

  it("answers a refused batch in the batch shape, so clients read it as an error per call", async () => {
    await using app = await createTestApp({ API_MAX_BODY_BYTES: "1024" });
    const user = await app.signUp();
    const input = { title: "x", notes: "y".repeat(2_000) };
    const error = await app.client(user.token).task.create.mutate(input).catch((e: { data?: { code: string }; message: string }) => e);
    expect(error).toMatchObject({ data: { code: "PAYLOAD_TOO_LARGE" }, message: "Request body too large (at most 1024 bytes)" });
  });
});

describe("batch size (API_MAX_BATCH_SIZE)", () => {
  it("refuses a batch with more calls than allowed, and runs one within it", async () => {
    await using app = await createTestApp({ API_MAX_BATCH_SIZE: "3" });
    const user = await app.signUp();
    const batch = (n: number) =>
      app.fetch(`/api/trpc/${Array(n).fill("task.stats").join(",")}?batch=1&input=${encodeURIComponent("{}")}`, {
        headers: { authorization: `Bearer ${user.token}` },
      });
    expect((await batch(3)).status).toBe(200);
    const refused = await batch(4);
    expect(refused.status).toBe(400);
    expect(JSON.stringify(await refused.json())).toContain("Batch call exceeds maximum size");
  });
});

describe("per-user task quota (TASK_QUOTA_PER_USER)", () => {
  it("refuses the task past the quota with FORBIDDEN, also under concurrent creates", async () => {
    await using app = await createTestApp({ TASK_QUOTA_PER_USER: "3" });
    const user = await app.signUp();
    const api = app.client(user.token);
    const results = await Promise.allSettled(Array.from({ length: 8 }, (_, i) => api.task.create.mutate({ title: `Task ${i}` })));
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(3);
    const refusal = results.find((r) => r.status === "rejected") as PromiseRejectedResult;
    expect(refusal.reason).toMatchObject({ data: { code: "FORBIDDEN", httpStatus: 403 }, message: "You have reached the limit of 3 tasks: delete some first" });
    expect(await taskCount(app, user.id)).toBe(3);

    // The quota is per user.
    const other = await app.signUp();
    await expect(app.client(other.token).task.create.mutate({ title: "Mine" })).resolves.toMatchObject({ title: "Mine" });
  });

  it("a restore past the quota is refused and the deleted task stays restorable", async () => {
    await using app = await createTestApp({ TASK_QUOTA_PER_USER: "2" });
    const user = await app.signUp();
    const api = app.client(user.token);
    const first = await api.task.create.mutate({ title: "First" });
    await api.task.create.mutate({ title: "Second" });
    await api.task.delete.mutate({ id: first.id });
    await api.task.create.mutate({ title: "Third" });
    await expect(api.task.restore.mutate({ id: first.id })).rejects.toMatchObject({ data: { code: "FORBIDDEN" } });
    expect(await taskCount(app, user.id)).toBe(2);
    await api.task.clearCompleted.mutate();
    const [second] = (await api.task.list.query()).items;
    await api.task.delete.mutate({ id: second!.id });
    await expect(api.task.restore.mutate({ id: first.id })).resolves.toMatchObject({ id: first.id, title: "First" });
  });
});

describe("API rate limits (API_RATE_LIMIT_*)", () => {
  const callMe = (app: TestApp, token: string, ip = "203.0.113.7") =>
    app.fetch("/api/trpc/user.me", { headers: { authorization: `Bearer ${token}`, "x-forwarded-for": ip } });

  it("limits each user: 429 TOO_MANY_REQUESTS with Retry-After, other users unaffected", async () => {
    await using app = await createTestApp({ API_RATE_LIMIT_ENABLED: "true", API_RATE_LIMIT_PER_USER: "3", API_RATE_LIMIT_WINDOW_SECONDS: "60" });
    const [alice, bob] = [await app.signUp(), await app.signUp()];
    for (let i = 0; i < 3; i += 1) expect((await callMe(app, alice.token, `198.51.100.${i}`)).status).toBe(200);
    const limited = await callMe(app, alice.token, "198.51.100.99"); // a new IP does not reset a user's budget
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get("retry-after"))).toBeGreaterThanOrEqual(1);
    expect(Number(limited.headers.get("retry-after"))).toBeLessThanOrEqual(60);
    expect(((await limited.json()) as ErrorBody).error.json).toMatchObject({
      message: expect.stringMatching(/^Too many requests: try again in \d+ s$/),
      data: { code: "TOO_MANY_REQUESTS", httpStatus: 429 },
    });
    expect((await callMe(app, bob.token)).status).toBe(200);
  });

  it("limits each client IP, before the token is even looked at", async () => {
    await using app = await createTestApp({ API_RATE_LIMIT_ENABLED: "true", API_RATE_LIMIT_PER_IP: "4", API_RATE_LIMIT_PER_USER: "1000" });
    const user = await app.signUp();
    for (let i = 0; i < 4; i += 1) expect((await callMe(app, i % 2 ? user.token : "garbage", "192.0.2.1")).status).not.toBe(429);
    const limited = await callMe(app, user.token, "192.0.2.1");
    expect(limited.status).toBe(429);
    expect(limited.headers.get("retry-after")).toMatch(/^\d+$/);
    expect((await callMe(app, user.token, "192.0.2.2")).status).toBe(200);
  });

  it("is off by default outside production, and every limit has a safe default", async () => {
    await using app = await createTestApp();
    expect(app.config.api).toEqual({ maxBodyBytes: 262_144, maxBatchSize: 20, rateLimit: null });
    expect(app.config.limits.taskQuotaPerUser).toBe(10_000);
  });
});
