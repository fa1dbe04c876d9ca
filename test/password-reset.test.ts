import type { ColumnType } from "kysely";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { errorCode } from "./fixtures/errors";
import { sseReader } from "./fixtures/sse";
import { linkIn, startSmtpServer, type TestSmtpServer } from "./fixtures/smtp";
import { createTestApp, TEST_ORIGIN, TEST_PASSWORD, type TestApp } from "./fixtures/test-app";

const NEW_PASSWORD = "violet kettle harbour lantern";

/** Better Auth's `verification` table (not the app's to query, so not in db/schema.ts): tests read and age its rows. */
const verifications = (app: TestApp) =>
  app.db.withTables<{ verification: { identifier: string; expiresAt: ColumnType<string | Date, string, string> } }>();

/** A JSON POST to a Better Auth endpoint (from the app's own origin, with `headers` added). */
function post(app: TestApp, path: string, body: object, headers: Record<string, string> = {}) {
  return app.fetch(`/api/auth${path}`, {
    method: "POST",
    headers: { "content-type": "application/json", origin: TEST_ORIGIN, ...headers },
    body: JSON.stringify(body),
  });
}

async function signIn(app: TestApp, email: string, password: string) {
  const res = await post(app, "/sign-in/email", { email, password });
  return { status: res.status, cookie: res.headers.getSetCookie().map((c) => c.split(";")[0]).join("; ") };
}

/** The token of the reset link mailed to `email` (the mail is parsed as received by the SMTP server). */
async function resetToken(smtp: TestSmtpServer, email: string) {
  const link = linkIn(await smtp.nextMail(email, { subject: "reset your password" }));
  expect(`${link.origin}${link.pathname}`).toBe(`${TEST_ORIGIN}/reset-password`);
  return link.searchParams.get("token")!;
}

describe("password reset by mail (a real SMTP server)", () => {
  let smtp: TestSmtpServer;
  let app: TestApp;
  beforeAll(async () => {
    smtp = await startSmtpServer();
    app = await createTestApp({ SMTP_URL: smtp.url, MAIL_FROM: "Tasks <tasks@example.com>" });
  });
  afterAll(async () => {
    await app.close();
    await smtp.close();
  });

  it("mails a single-use link; the new password works, the old one and every session do not", async () => {
    const user = await app.signUp({ name: "Ada" });
    const laptop = await signIn(app, user.email, TEST_PASSWORD);
    const res = await post(app, "/request-password-reset", { email: user.email });
    expect(res.status).toBe(200);
    expect(res.headers.get("cache-control")).toBe("no-store");

    const mail = await smtp.nextMail(user.email, { subject: "reset your password" });
    expect(mail.from?.value).toEqual([{ name: "Tasks", address: "tasks@example.com" }]);
    expect(mail.subject).toBe("Tasks: reset your password");
    expect(mail.text).toContain("Hello Ada,");
    expect(mail.text).toContain("for 1 hour");
    expect(mail.text).toContain("If that was not you, ignore this mail");
    const link = linkIn(mail);
    expect(mail.html).toContain(`href="${link.href.replaceAll("&", "&amp;")}"`);
    const token = link.searchParams.get("token")!;

    expect((await post(app, "/reset-password", { token, newPassword: NEW_PASSWORD })).status).toBe(200);
    expect((await signIn(app, user.email, TEST_PASSWORD)).status).toBe(401);
    expect((await signIn(app, user.email, NEW_PASSWORD)).status).toBe(200);
    // Every session of before has ended: no new tokens, and a token already issued is refused at once (its `sid` is gone).
    for (const cookie of [user.cookie, laptop.cookie]) expect((await app.fetch("/api/auth/token", { headers: { cookie } })).status).toBe(401);
    expect(await errorCode(app.client(user.token).user.me.query())).toBe("UNAUTHORIZED");

    // Used once: the same link is refused, and the password stays the new one.
    const again = await post(app, "/reset-password", { token, newPassword: "another fine passphrase" });
    expect(again.status).toBe(400);
    expect(await again.json()).toMatchObject({ code: "INVALID_TOKEN" });
    expect((await signIn(app, user.email, NEW_PASSWORD)).status).toBe(200);
  });

  it("ends the live streams of every session at once (not at their next periodic check)", async () => {
    const user = await app.signUp();
    const stream = sseReader(
      await app.fetch(`/api/trpc/sync.changes?input=${encodeURIComponent(JSON.stringify({ json: {} }))}`, {
        headers: { accept: "text/event-stream", authorization: `Bearer ${user.token}` },
      }),
    );
    await post(app, "/request-password-reset", { email: user.email });
    const token = await resetToken(smtp, user.email);
    expect((await post(app, "/reset-password", { token, newPassword: NEW_PASSWORD })).status).toBe(200);
    expect(await stream.next(3_000)).toMatchObject({ event: "serialized-error", data: { message: "Session ended: sign in again", data: { code: "UNAUTHORIZED" } } });
    expect(await stream.next()).toBeNull();
  });

  it("refuses an expired link", async () => {
    const user = await app.signUp();
    await post(app, "/request-password-reset", { email: user.email });
    const token = await resetToken(smtp, user.email);
    // As if PASSWORD_RESET_TTL_SECONDS had passed.
    await verifications(app).updateTable("verification").set({ expiresAt: new Date(Date.now() - 1000).toISOString() }).where("identifier", "=", `reset-password:${token}`).execute();
    const res = await post(app, "/reset-password", { token, newPassword: NEW_PASSWORD });
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ code: "INVALID_TOKEN" });
    expect((await signIn(app, user.email, TEST_PASSWORD)).status).toBe(200);
  });

  it("answers an unknown address exactly like a known one, and mails nobody", async () => {
    const user = await app.signUp();
    const known = await post(app, "/request-password-reset", { email: user.email });
    const unknown = await post(app, "/request-password-reset", { email: "nobody-here@example.com" });
    expect(unknown.status).toBe(known.status);
    expect(await unknown.text()).toBe(await known.text());
    expect([...unknown.headers.keys()].sort()).toEqual([...known.headers.keys()].sort());
    await smtp.nextMail(user.email, { subject: "reset your password" });
    await app.mailer.settled();
    expect(smtp.mails.some((mail) => mail.text?.includes("nobody-here@example.com"))).toBe(false);
  });

  it("holds a new password to the same policy, and a refused one leaves the link usable", async () => {
    const user = await app.signUp();
    await post(app, "/request-password-reset", { email: user.email });
    const token = await resetToken(smtp, user.email);
    for (const [newPassword, code] of [
      ["short", "PASSWORD_TOO_SHORT"],
      ["password1234", "PASSWORD_TOO_COMMON"],
      [`${user.email}1`, "PASSWORD_TOO_WEAK"],
    ] as const) {
      const res = await post(app, "/reset-password", { token, newPassword });
      expect(res.status).toBe(400);
      expect(await res.json()).toMatchObject({ code });
    }
    expect((await post(app, "/reset-password", { token, newPassword: NEW_PASSWORD })).status).toBe(200);
  });

  it("refuses a missing, garbage or over-long token with INVALID_TOKEN, never a 500", async () => {
    for (const token of [undefined, "", "not-a-token", "x".repeat(10_000)]) {
      const res = await post(app, "/reset-password", { token, newPassword: NEW_PASSWORD });
      expect(res.status).toBe(400);
      expect(await res.json()).toMatchObject({ code: "INVALID_TOKEN" });
    }
  });
});

describe("password reset limits", () => {
  let smtp: TestSmtpServer;
  let app: TestApp;
  beforeAll(async () => {
    smtp = await startSmtpServer();
    app = await createTestApp({
      SMTP_URL: smtp.url,
      AUTH_RATE_LIMIT_ENABLED: "true",
      AUTH_SIGN_IN_RATE_LIMIT_MAX: "6",
      MAIL_PER_ADDRESS_MAX: "2",
    });
  });
  afterAll(async () => {
    await app.close();
    await smtp.close();
  });

  it("sends one address at most MAIL_PER_ADDRESS_MAX mails, known or not (from any IP)", async () => {
    for (const email of ["limited@example.com", "Limited-Unknown@example.com"]) {
      const answers = [];
      for (let i = 0; i < 3; i++) answers.push(await post(app, "/request-password-reset", { email }, { "x-forwarded-for": `203.0.113.${i + 1}` }));
      expect(answers.map((res) => res.status)).toEqual([200, 200, 429]);
      expect(Number(answers[2]!.headers.get("retry-after"))).toBeGreaterThan(0);
      expect(await answers[2]!.json()).toMatchObject({ code: "TOO_MANY_MAILS" });
    }
  });

  it("limits one IP's requests like sign-ins", async () => {
    const statuses = [];
    for (let i = 0; i < 7; i++) statuses.push((await post(app, "/request-password-reset", { email: `ip-${i}@example.com` }, { "x-forwarded-for": "198.51.100.7" })).status);
    expect(statuses.slice(0, 6)).toEqual([200, 200, 200, 200, 200, 200]);
    expect(statuses[6]).toBe(429);
  });
});

describe("password reset without a working mail server", () => {
  it("answers as usual, retries MAIL_SEND_ATTEMPTS times, and logs the failure without the link", async () => {
    const errors: string[] = [];
    const spy = vi.spyOn(console, "error").mockImplementation((...args: unknown[]) => void errors.push(args.join(" ")));
    // A port nothing listens on: every try is refused.
    await using app = await createTestApp({ SMTP_URL: "smtp://127.0.0.1:9", MAIL_SEND_ATTEMPTS: "2", MAIL_RETRY_DELAY_MS: "1" });
    try {
      const user = await app.signUp();
      const res = await post(app, "/request-password-reset", { email: user.email });
      expect(res.status).toBe(200);
      await app.mailer.settled();
      const mailErrors = errors.filter((line) => line.startsWith("[mail]"));
      // Two tries each for the verification mail of the sign-up and the reset mail.
      expect(mailErrors.filter((line) => line.includes("reset your password"))).toEqual([expect.stringContaining("try 1 of 2"), expect.stringContaining("try 2 of 2, given up")]);
      const token = (await verifications(app).selectFrom("verification").select("identifier").where("identifier", "like", "reset-password:%").executeTakeFirstOrThrow()).identifier.split(":")[1]!;
      for (const line of mailErrors) {
        expect(line).not.toContain(token);
        expect(line).not.toContain(user.email);
      }
    } finally {
      spy.mockRestore();
    }
  });

  it("in production without SMTP_URL, says reset is unavailable instead of pretending to send", async () => {
    await using app = await createTestApp({ NODE_ENV: "production" });
    expect(app.mailer.available).toBe(false);
    const user = await app.signUp();
    const res = await post(app, "/request-password-reset", { email: user.email });
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ code: "RESET_PASSWORD_DISABLED" });
  });

  it("in development and tests without SMTP_URL, keeps the mail in the outbox with its link", async () => {
    await using app = await createTestApp();
    const user = await app.signUp();
    await post(app, "/request-password-reset", { email: user.email });
    const mail = app.mailer.outbox!.list().find((m) => m.subject.includes("reset"));
    expect(mail).toMatchObject({ to: user.email, subject: "Tasks: reset your password" });
    expect(mail!.link).toMatch(new RegExp(`^${TEST_ORIGIN}/reset-password\\?token=\\w+$`));
    expect(mail!.text).toContain(mail!.link);
  });
});
