import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, TEST_ORIGIN, TEST_PASSWORD, type TestApp } from "./fixtures/test-app";

/** A JSON call to a Better Auth endpoint with a session cookie. */
function authCall(app: TestApp, path: string, cookie: string, body?: object) {
  return app.fetch(`/api/auth${path}`, {
    method: body ? "POST" : "GET",
    headers: { cookie, origin: TEST_ORIGIN, ...(body && { "content-type": "application/json" }) },
    body: body && JSON.stringify(body),
  });
}

/** Signs in again, returning the new session's cookie (or the failed response's status). */
async function signIn(app: TestApp, email: string, password: string) {
  const res = await app.fetch("/api/auth/sign-in/email", {
    method: "POST",
    headers: { "content-type": "application/json", origin: TEST_ORIGIN },
    body: JSON.stringify({ email, password }),
  });
  return { status: res.status, cookie: res.headers.getSetCookie().map((c) => c.split(";")[0]).join("; ") };
}

describe("account (Better Auth endpoints the account page uses)", () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await createTestApp();
  });
  afterAll(() => app.close());

  it("changes the name, seen by user.me and in new tokens", async () => {
    const user = await app.signUp({ name: "Old Name" });
    const res = await authCall(app, "/update-user", user.cookie, { name: "New Name" });
    expect(res.status).toBe(200);
    const token = await app.tokenFor(user.cookie);
    expect(await app.client(token).user.me.query()).toMatchObject({ name: "New Name" });
  });

  it("changes the password and can sign out the other sessions", async () => {
    const user = await app.signUp();
    const other = await signIn(app, user.email, TEST_PASSWORD);
    const newPassword = "a brand new passphrase";
    const wrong = await authCall(app, "/change-password", user.cookie, { currentPassword: "not it at all", newPassword });
    expect(wrong.status).toBe(400);

    const res = await authCall(app, "/change-password", user.cookie, {
      currentPassword: TEST_PASSWORD,
      newPassword,
      revokeOtherSessions: true,
    });
    expect(res.status).toBe(200);
    expect((await signIn(app, user.email, TEST_PASSWORD)).status).toBe(401);
    expect((await signIn(app, user.email, newPassword)).status).toBe(200);
    // The other device's session is gone: it can no longer get tokens.
    expect((await app.fetch("/api/auth/token", { headers: { cookie: other.cookie } })).status).toBe(401);
  });

  it("lists the sessions and revokes one", async () => {
    const user = await app.signUp();
    const other = await signIn(app, user.email, TEST_PASSWORD);
    const sessions = (await (await authCall(app, "/list-sessions", user.cookie)).json()) as { token: string }[];
    expect(sessions).toHaveLength(2);
    const otherToken = decodeURIComponent(other.cookie.split("=")[1]!).split(".")[0];
    const res = await authCall(app, "/revoke-session", user.cookie, { token: otherToken });
    expect(res.status).toBe(200);
    expect((await app.fetch("/api/auth/token", { headers: { cookie: other.cookie } })).status).toBe(401);
    expect(((await (await authCall(app, "/list-sessions", user.cookie)).json()) as unknown[]).length).toBe(1);
  });

  describe("delete account", () => {
    it("is refused without the password, or with a wrong one, and nothing is deleted", async () => {
      const user = await app.signUp();
      await app.client(user.token).task.create.mutate({ title: "Mine" });
      for (const body of [{}, { password: "" }, { password: "wrong password here" }]) {
        const res = await authCall(app, "/delete-user", user.cookie, body);
        expect(res.status).toBe(400);
      }
      expect(await app.client(user.token).task.stats.query()).toMatchObject({ total: 1 });
    });

    it("with the password deletes the user, their sessions and their tasks", async () => {
      const user = await app.signUp();
      const tasks = app.client(user.token).task;
      await tasks.create.mutate({ title: "Gone" });
      await tasks.delete.mutate({ id: (await tasks.create.mutate({ title: "Already deleted" })).id });

      const res = await authCall(app, "/delete-user", user.cookie, { password: TEST_PASSWORD });
      expect(res.status).toBe(200);
      for (const table of ["task", "deleted_task"] as const) {
        expect(await app.db.selectFrom(table).where("user_id", "=", user.id).selectAll().execute()).toEqual([]);
      }
      expect((await app.fetch("/api/auth/token", { headers: { cookie: user.cookie } })).status).toBe(401);
      expect((await app.fetch("/api/trpc/user.me", { headers: { authorization: `Bearer ${user.token}` } })).status).toBe(401);
    });
  });

  describe("checking the password before the page asks to confirm (POST /api/auth/check-password)", () => {
    it("answers 200 for the session user's password, 400 INVALID_PASSWORD for another, 401 without a session; changes nothing", async () => {
      const user = await app.signUp();
      const right = await authCall(app, "/check-password", user.cookie, { password: TEST_PASSWORD });
      expect(right.status).toBe(200);
      expect(await right.json()).toEqual({ status: true });
      const wrong = await authCall(app, "/check-password", user.cookie, { password: "not the password, really" });
      expect(wrong.status).toBe(400);
      expect(await wrong.json()).toMatchObject({ code: "INVALID_PASSWORD" });
      expect((await authCall(app, "/check-password", "", { password: TEST_PASSWORD })).status).toBe(401);
      expect((await authCall(app, "/check-password", user.cookie, {})).status).toBe(400);
      expect((await signIn(app, user.email, TEST_PASSWORD)).status).toBe(200);
    });

    it("is rate limited like a sign-in", async () => {
      await using limited = await createTestApp({ AUTH_RATE_LIMIT_ENABLED: "true", AUTH_SIGN_IN_RATE_LIMIT_MAX: "5" });
      const user = await limited.signUp();
      const statuses = [];
      for (let i = 0; i < 7; i += 1) {
        const res = await limited.fetch("/api/auth/check-password", {
          method: "POST",
          headers: { cookie: user.cookie, origin: TEST_ORIGIN, "content-type": "application/json", "x-forwarded-for": "203.0.113.50" },
          body: JSON.stringify({ password: `guess number ${i} here` }),
        });
        statuses.push(res.status);
      }
      expect(statuses.slice(0, 5)).toEqual([400, 400, 400, 400, 400]);
      expect(statuses.slice(5)).toEqual([429, 429]);
    });
  });

  it("a session of the typed client or the CLI is recorded under its own name", async () => {
    const { createTaskClient } = await import("@/client/task-client");
    const user = await app.signUp();
    await createTaskClient({ baseUrl: TEST_ORIGIN, email: user.email, password: TEST_PASSWORD, fetch: (input, init) => app.fetch(new Request(input, init)) });
    await createTaskClient({ baseUrl: TEST_ORIGIN, email: user.email, password: TEST_PASSWORD, userAgent: "tasks-cli", fetch: (input, init) => app.fetch(new Request(input, init)) });
    const sessions = (await (await authCall(app, "/list-sessions", user.cookie)).json()) as { userAgent: string | null }[];
    expect(sessions.map((s) => s.userAgent)).toEqual(expect.arrayContaining(["taskmanager-client", "tasks-cli"]));
  });
});
