import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sseReader } from "./fixtures/sse";
import { createTestApp, TEST_PASSWORD, type TestApp, type TestUser } from "./fixtures/test-app";

/**
 * A session that ends (signed out, revoked from the account page's device list, `tasks logout`) stops
 * its access tokens at once, though they have minutes to live, and ends its live streams: every tab of
 * that browser, and every CLI `watch` of that session, finds out within seconds. Other sessions go on.
 */
/** How a stream ends when its session does: an UNAUTHORIZED error event, as a reconnection would be answered. */
const SESSION_ENDED_EVENT = { event: "serialized-error", data: { message: "Session ended: sign in again", data: { code: "UNAUTHORIZED", httpStatus: 401 } } };

describe("ending a session", () => {
  let app: TestApp;
  let alice: TestUser;

  beforeAll(async () => {
    app = await createTestApp();
    alice = await app.signUp({ name: "Alice" });
  });
  afterAll(() => app.close());

  /** Another device of the same user: its own session cookie and token. */
  const signIn = async (user: TestUser) => {
    const res = await app.fetch("/api/auth/sign-in/email", {
      method: "POST",
      headers: { "content-type": "application/json", origin: app.config.baseUrl },
      body: JSON.stringify({ email: user.email, password: TEST_PASSWORD }),
    });
    expect(res.status).toBe(200);
    const cookie = res.headers
      .getSetCookie()
      .map((c) => c.split(";")[0])
      .join("; ");
    return { cookie, token: await app.tokenFor(cookie) };
  };
  const authPost = (path: string, cookie: string, body: object = {}) =>
    app.fetch(`/api/auth/${path}`, { method: "POST", headers: { cookie, origin: app.config.baseUrl, "content-type": "application/json" }, body: JSON.stringify(body) });
  const open = (token: string) =>
    app.fetch(`/api/trpc/sync.changes?input=${encodeURIComponent(JSON.stringify({ json: {} }))}`, {
      headers: { accept: "text/event-stream", authorization: `Bearer ${token}` },
    });
  const refusal = async (token: string) => {
    try {
      await app.client(token).task.list.query();
      return "accepted";
    } catch (error) {
      return `${(error as { data: { code: string } }).data.code}: ${(error as Error).message}`;
    }
  };

  it("signing out refuses that session's tokens at once and ends its streams; the other device carries on", async () => {
    const laptop = await signIn(alice);
    const phone = await signIn(alice);
    const laptopStream = sseReader(await open(laptop.token));
    const phoneStream = sseReader(await open(phone.token));

    expect((await authPost("sign-out", laptop.cookie)).status).toBe(200);
    // Well before the stream's periodic check (15 s): the sign-out wakes it.
    expect(await laptopStream.next(3_000)).toMatchObject(SESSION_ENDED_EVENT);
    expect(await laptopStream.next()).toBeNull();
    expect(await refusal(laptop.token)).toBe("UNAUTHORIZED: Session ended: sign in again");
    const reopened = await open(laptop.token);
    expect(reopened.status).toBe(401);
    await reopened.body?.cancel();

    // The phone's session, token and stream are untouched.
    expect(await refusal(phone.token)).toBe("accepted");
    const task = await app.client(phone.token).task.create.mutate({ title: "still here" });
    expect(await phoneStream.next()).toMatchObject({ data: { type: "task.upserted", task: { id: task.id } } });
    await phoneStream.close();
  });

  it("revoking the other devices (the account page) ends their tokens and streams, not this one's", async () => {
    const here = await signIn(alice);
    const elsewhere = await signIn(alice);
    const elsewhereStream = sseReader(await open(elsewhere.token));

    expect((await authPost("revoke-other-sessions", here.cookie)).status).toBe(200);
    expect(await elsewhereStream.next(3_000)).toMatchObject(SESSION_ENDED_EVENT);
    expect(await refusal(elsewhere.token)).toBe("UNAUTHORIZED: Session ended: sign in again");
    expect(await refusal(here.token)).toBe("accepted");
    // The first test's tokens were revoked too (they were other sessions): nothing comes back to life.
    expect(await refusal(alice.token)).toBe("UNAUTHORIZED: Session ended: sign in again");
  });

  it("a token without a session claim (signed before sessions were named) is still checked for its user", async () => {
    const now = Math.floor(Date.now() / 1000);
    const token = await app.signAsApp({ sub: alice.id, iss: app.config.baseUrl, aud: app.config.baseUrl, iat: now, exp: now + 60 });
    expect(await refusal(token)).toBe("accepted");
    const forged = await app.signAsApp({ sub: alice.id, sid: "not-a-session", iss: app.config.baseUrl, aud: app.config.baseUrl, iat: now, exp: now + 60 });
    expect(await refusal(forged)).toBe("UNAUTHORIZED: Session ended: sign in again");
  });
});
