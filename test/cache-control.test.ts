import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, type TestApp, type TestUser } from "./fixtures/test-app";

/**
 * Answers that must never be stored (RFC 6749 section 5.1 for tokens; OWASP ASVS 5 V14.3 for private
 * data) and the one that may be: the public key set. In process here; `test/node-listener.test.ts` and
 * `e2e/security.spec.ts` check the same on `npm start`'s own tRPC path and through Next.
 */
describe("Cache-Control", () => {
  let app: TestApp;
  let user: TestUser;

  beforeAll(async () => {
    app = await createTestApp({ JWKS_CACHE_MAX_AGE_SECONDS: "120", API_MAX_BODY_BYTES: "2048" });
    user = await app.signUp();
  });
  afterAll(() => app.close());

  it("GET /api/auth/token carries a bearer token: no-store", async () => {
    const res = await app.fetch("/api/auth/token", { headers: { cookie: user.cookie } });
    expect(res.status).toBe(200);
    expect(((await res.json()) as { token: string }).token).toMatch(/^ey/);
    expect(res.headers.get("cache-control")).toBe("no-store");
  });

  it("sessions, sign-in and failures of Better Auth: no-store", async () => {
    const session = await app.fetch("/api/auth/get-session", { headers: { cookie: user.cookie } });
    expect(((await session.json()) as { user: { id: string } }).user.id).toBe(user.id);
    const signIn = await app.fetch("/api/auth/sign-in/email", {
      method: "POST",
      headers: { "content-type": "application/json", origin: app.config.baseUrl },
      body: JSON.stringify({ email: user.email, password: "wrong password, surely" }),
    });
    expect(signIn.status).toBe(401);
    const noSession = await app.fetch("/api/auth/token");
    expect(noSession.status).toBe(401);
    for (const res of [session, signIn, noSession]) expect(res.headers.get("cache-control")).toBe("no-store");
  });

  it("GET /api/auth/jwks is public: cacheable for JWKS_CACHE_MAX_AGE_SECONDS", async () => {
    const res = await app.fetch("/api/auth/jwks");
    expect(((await res.json()) as { keys: unknown[] }).keys.length).toBeGreaterThan(0);
    expect(res.headers.get("cache-control")).toBe("public, max-age=120");
  });

  it("every tRPC answer is no-store: data, batches, 400, 401, 404 and 413", async () => {
    const auth = { authorization: `Bearer ${user.token}` };
    const answers = [
      await app.fetch("/api/trpc/user.me", { headers: auth }),
      await app.fetch("/api/trpc/user.me,task.stats?batch=1&input={}", { headers: auth }),
      await app.fetch("/api/trpc/task.byId?input=" + encodeURIComponent(JSON.stringify({ json: { id: "nope" } })), { headers: auth }),
      await app.fetch("/api/trpc/task.create", { method: "POST", headers: { ...auth, "content-type": "application/json" }, body: JSON.stringify({ json: { title: "" } }) }),
      await app.fetch("/api/trpc/user.me"),
      await app.fetch("/api/trpc/task.create", { method: "POST", headers: { ...auth, "content-type": "application/json" }, body: JSON.stringify({ json: { title: "x".repeat(4000) } }) }),
    ];
    expect(answers.map((res) => res.status)).toEqual([200, 200, 404, 400, 401, 413]);
    for (const res of answers) expect(res.headers.get("cache-control")).toBe("no-store");
  });
});

describe("Better Auth's 429", () => {
  it("carries the standard Retry-After (Better Auth sends only X-Retry-After), which the sign-in form shows", async () => {
    await using app = await createTestApp({ AUTH_RATE_LIMIT_ENABLED: "true", AUTH_SIGN_IN_RATE_LIMIT_MAX: "2", AUTH_RATE_LIMIT_WINDOW_SECONDS: "60" });
    const attempt = () =>
      app.fetch("/api/auth/sign-in/email", {
        method: "POST",
        headers: { "content-type": "application/json", origin: app.config.baseUrl, "x-forwarded-for": "203.0.113.9" },
        body: JSON.stringify({ email: "nobody@example.com", password: "not the password at all" }),
      });
    const statuses = [];
    let limited: Response | undefined;
    for (let i = 0; i < 3; i += 1) {
      const res = await attempt();
      statuses.push(res.status);
      if (res.status === 429) limited = res;
    }
    expect(statuses).toEqual([401, 401, 429]);
    const seconds = Number(limited!.headers.get("retry-after"));
    expect(seconds).toBeGreaterThan(0);
    expect(seconds).toBeLessThanOrEqual(60);
    expect(limited!.headers.get("cache-control")).toBe("no-store");
  });
});
