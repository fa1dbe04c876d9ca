import { SignJWT } from "jose";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createTaskClient, TaskClientError } from "@/client";
import { mintAccessToken } from "@/server/mint-access-token";
import { cliRunner } from "./fixtures/cli";
import { linkIn, startSmtpServer, type TestSmtpServer } from "./fixtures/smtp";
import { createTestApp, TEST_ORIGIN, TEST_PASSWORD, type TestApp } from "./fixtures/test-app";

const CONFIRM = "confirm your email address";

function post(app: TestApp, path: string, body: object, cookie = "") {
  return app.fetch(`/api/auth${path}`, {
    method: "POST",
    headers: { "content-type": "application/json", origin: TEST_ORIGIN, ...(cookie && { cookie }) },
    body: JSON.stringify(body),
  });
}

/** Follows a mailed verification link as a browser would (with `cookie`, if signed in there): where it redirects. */
async function follow(app: TestApp, link: URL, cookie = "") {
  const res = await app.fetch(`${link.pathname}${link.search}`, { headers: cookie ? { cookie } : {}, redirect: "manual" });
  expect(res.status).toBe(302);
  return new URL(res.headers.get("location")!, TEST_ORIGIN);
}

/** The user's row as Better Auth sees it. */
async function userRow(app: TestApp, id: string) {
  const ctx = await app.auth.$context;
  return (await ctx.internalAdapter.findUserById(id))!;
}

describe("email verification (EMAIL_VERIFICATION=optional, the default; a real SMTP server)", () => {
  let smtp: TestSmtpServer;
  let app: TestApp;
  beforeAll(async () => {
    smtp = await startSmtpServer();
    app = await createTestApp({ SMTP_URL: smtp.url });
  });
  afterAll(async () => {
    await app.close();
    await smtp.close();
  });

  it("mails a link on sign-up; following it confirms the address; the API works before and after", async () => {
    const user = await app.signUp({ name: "Grace" });
    expect(await app.client(user.token).user.me.query()).toMatchObject({ email: user.email });
    const mail = await smtp.nextMail(user.email, { subject: CONFIRM });
    expect(mail.subject).toBe(`Tasks: ${CONFIRM}`);
    expect(mail.text).toContain("Hello Grace,");
    expect(mail.text).toContain("for 1 day");
    expect(mail.html).toContain("Confirm this address");
    const link = linkIn(mail);
    expect(`${link.origin}${link.pathname}`).toBe(`${TEST_ORIGIN}/api/auth/verify-email`);
    expect((await userRow(app, user.id)).emailVerified).toBe(false);

    // Opened on another device, signed in nowhere: confirmed, and nobody is signed in by the link.
    const landing = await follow(app, link);
    expect(landing.pathname).toBe("/email-verified");
    expect(landing.searchParams.get("error")).toBeNull();
    expect((await userRow(app, user.id)).emailVerified).toBe(true);
  });

  it("refuses an expired or forged link, and the address stays unconfirmed", async () => {
    const user = await app.signUp();
    const expired = await new SignJWT({ email: user.email.toLowerCase() })
      .setProtectedHeader({ alg: "HS256" })
      .setIssuedAt(Math.floor(Date.now() / 1000) - 7200)
      .setExpirationTime(Math.floor(Date.now() / 1000) - 3600)
      .sign(new TextEncoder().encode(app.config.secret));
    const forged = await new SignJWT({ email: user.email.toLowerCase() }).setProtectedHeader({ alg: "HS256" }).setExpirationTime("1h").sign(new TextEncoder().encode("not the secret at all, but long"));
    for (const [token, error] of [
      [expired, "TOKEN_EXPIRED"],
      [forged, "INVALID_TOKEN"],
      ["garbage", "INVALID_TOKEN"],
    ] as const) {
      const landing = await follow(app, new URL(`/api/auth/verify-email?token=${token}&callbackURL=%2Femail-verified`, TEST_ORIGIN));
      expect(landing.pathname).toBe("/email-verified");
      expect(landing.searchParams.get("error")).toBe(error);
    }
    expect((await userRow(app, user.id)).emailVerified).toBe(false);
  });

  it("sends a new link on request (the account page's resend)", async () => {
    const user = await app.signUp();
    await smtp.nextMail(user.email, { subject: CONFIRM });
    expect((await post(app, "/send-verification-email", { email: user.email }, user.cookie)).status).toBe(200);
    await follow(app, linkIn(await smtp.nextMail(user.email, { subject: CONFIRM })), user.cookie);
    expect((await userRow(app, user.id)).emailVerified).toBe(true);
    const again = await post(app, "/send-verification-email", { email: user.email }, user.cookie);
    expect(again.status).toBe(400);
    expect(await again.json()).toMatchObject({ code: "EMAIL_ALREADY_VERIFIED" });
  });

  describe("changing the address", () => {
    it("asks for the password, mails the new address first, and changes it only when its link is followed", async () => {
      const user = await app.signUp();
      await follow(app, linkIn(await smtp.nextMail(user.email, { subject: CONFIRM })));
      const newEmail = `moved-${user.id.toLowerCase()}@example.com`;

      for (const [body, code] of [
        [{ newEmail }, "PASSWORD_REQUIRED"],
        [{ newEmail, password: "not my password at all" }, "INVALID_PASSWORD"],
      ] as const) {
        const res = await post(app, "/change-email", body, user.cookie);
        expect(res.status).toBe(400);
        expect(await res.json()).toMatchObject({ code });
      }
      expect((await post(app, "/change-email", { newEmail, password: TEST_PASSWORD }, user.cookie)).status).toBe(200);
      const mail = await smtp.nextMail(newEmail, { subject: CONFIRM });
      expect(mail.text).toContain(`You asked to use ${newEmail}`);
      expect((await userRow(app, user.id)).email).toBe(user.email);

      await follow(app, linkIn(mail), user.cookie);
      expect(await userRow(app, user.id)).toMatchObject({ email: newEmail, emailVerified: true });
      expect(await app.client(await app.tokenFor(user.cookie)).user.me.query()).toMatchObject({ email: newEmail });
    });

    it("to another account's address: the same answer, and no mail to either", async () => {
      const user = await app.signUp();
      const other = await app.signUp();
      await app.mailer.settled();
      const before = smtp.mails.length;
      const res = await post(app, "/change-email", { newEmail: other.email, password: TEST_PASSWORD }, user.cookie);
      expect(res.status).toBe(200);
      await app.mailer.settled();
      expect(smtp.mails.length).toBe(before);
      expect((await userRow(app, user.id)).email).toBe(user.email);
    });
  });
});

describe("EMAIL_VERIFICATION=required", () => {
  let smtp: TestSmtpServer;
  let app: TestApp;
  beforeAll(async () => {
    smtp = await startSmtpServer();
    app = await createTestApp({ SMTP_URL: smtp.url, EMAIL_VERIFICATION: "required" });
  });
  afterAll(async () => {
    await app.close();
    await smtp.close();
  });

  /** Signs up over HTTP (the fixture's signUp also fetches a token, which this mode refuses). */
  async function signUpUnverified() {
    const email = `required-${crypto.randomUUID()}@example.com`;
    const res = await post(app, "/sign-up/email", { email, name: "New", password: TEST_PASSWORD });
    expect(res.status).toBe(200);
    return { email, cookie: res.headers.getSetCookie().map((c) => c.split(";")[0]).join("; ") };
  }

  it("signs the user in, but issues no access token (so no API call) until the address is confirmed", async () => {
    const user = await signUpUnverified();
    const refused = await app.fetch("/api/auth/token", { headers: { cookie: user.cookie } });
    expect(refused.status).toBe(403);
    expect(await refused.json()).toMatchObject({ code: "EMAIL_NOT_VERIFIED", message: expect.stringContaining("Confirm your email address") });
    // The session itself is fine: the page can say what to do.
    expect((await app.fetch("/api/auth/get-session", { headers: { cookie: user.cookie } }).then((r) => r.json())) as unknown).toMatchObject({
      user: { email: user.email, emailVerified: false },
    });
    // Server components mint tokens through the same endpoint (src/server/trpc/rsc.ts): no token, so the
    // page sends the user to /confirm-email.
    await expect(app.auth.api.getToken({ headers: new Headers({ cookie: user.cookie }) })).rejects.toMatchObject({ body: { code: "EMAIL_NOT_VERIFIED" } });
    expect(await mintAccessToken(app.auth, new Headers({ cookie: user.cookie }))).toBeNull();

    await follow(app, linkIn(await smtp.nextMail(user.email, { subject: CONFIRM })), user.cookie);
    const token = await app.tokenFor(user.cookie);
    expect(await app.client(token).user.me.query()).toMatchObject({ email: user.email, emailVerified: true });
  });

  it("the typed client and the CLI say what to do, and the CLI exits 3", async () => {
    const user = await signUpUnverified();
    const signingIn = createTaskClient({ baseUrl: TEST_ORIGIN, email: user.email, password: TEST_PASSWORD, fetch: (input, init) => app.fetch(new Request(input, init)) });
    await expect(signingIn).rejects.toBeInstanceOf(TaskClientError);
    await expect(signingIn).rejects.toMatchObject({ code: "EMAIL_NOT_VERIFIED", message: expect.stringContaining("Confirm your email address first") });

    const dir = mkdtempSync(join(tmpdir(), "tasks-cli-verify-"));
    try {
      const login = await cliRunner(() => app, dir)(["login", "--email", user.email, "--password-stdin"], { stdin: TEST_PASSWORD });
      expect(login).toMatchObject({ code: 3, err: expect.stringContaining("tasks: Confirm your email address first") });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe("EMAIL_VERIFICATION=off", () => {
  it("sends nothing on sign-up and refuses to send a link", async () => {
    const smtp = await startSmtpServer();
    await using app = await createTestApp({ SMTP_URL: smtp.url, EMAIL_VERIFICATION: "off" });
    try {
      const user = await app.signUp();
      await app.mailer.settled();
      expect(smtp.mails).toHaveLength(0);
      const res = await post(app, "/send-verification-email", { email: user.email }, user.cookie);
      expect(res.status).toBe(400);
      expect(await res.json()).toMatchObject({ code: "VERIFICATION_EMAIL_NOT_ENABLED" });
    } finally {
      await smtp.close();
    }
  });
});
