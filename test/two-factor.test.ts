import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { URI, type TOTP } from "otpauth";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTaskClient, TaskClientError } from "@/client";
import { runCli } from "@/client/cli/run";
import { cliRunner } from "./fixtures/cli";
import { errorCode } from "./fixtures/errors";
import { createTestApp, TEST_ORIGIN, TEST_PASSWORD, type TestApp, type TestUser } from "./fixtures/test-app";

/** A browser's cookie jar, as far as these tests need one: name → value, updated from each answer. */
class Jar {
  private readonly cookies = new Map<string, string>();
  constructor(header = "") {
    for (const pair of header.split("; ").filter(Boolean)) this.cookies.set(pair.slice(0, pair.indexOf("=")), pair.slice(pair.indexOf("=") + 1));
  }
  take(res: Response) {
    for (const line of res.headers.getSetCookie()) {
      const [pair] = line.split(";");
      const name = pair!.slice(0, pair!.indexOf("="));
      const value = pair!.slice(pair!.indexOf("=") + 1);
      // An expired cookie (Max-Age=0) is deleted, as a browser would.
      if (value === "" || /max-age=0/i.test(line)) this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
    return res;
  }
  has = (fragment: string) => [...this.cookies.keys()].some((name) => name.includes(fragment));
  header = () => [...this.cookies].map(([name, value]) => `${name}=${value}`).join("; ");
}

function post(app: TestApp, path: string, body: object, jar?: Jar, headers: Record<string, string> = {}) {
  const res = app.fetch(`/api/auth${path}`, {
    method: "POST",
    headers: { "content-type": "application/json", origin: TEST_ORIGIN, ...(jar && { cookie: jar.header() }), ...headers },
    body: JSON.stringify(body),
  });
  return jar ? res.then((r) => jar.take(r)) : res;
}

/** Turns two-factor on for `user` (enable, then confirm with a first code): the authenticator and the backup codes. */
async function enableTwoFactor(app: TestApp, user: TestUser) {
  const jar = new Jar(user.cookie);
  const enabled = await post(app, "/two-factor/enable", { password: TEST_PASSWORD }, jar);
  expect(enabled.status).toBe(200);
  const { totpURI, backupCodes } = (await enabled.json()) as { totpURI: string; backupCodes: string[] };
  const authenticator = URI.parse(totpURI) as TOTP;
  const confirmed = await post(app, "/two-factor/verify-totp", { code: fresh(authenticator) }, jar);
  expect(confirmed.status).toBe(200);
  return { authenticator, backupCodes, jar };
}

/** Signs in with the password: the jar then holds what the browser would (the second step's cookie, or a session). */
async function signInPassword(app: TestApp, email: string, jar = new Jar()) {
  const res = await post(app, "/sign-in/email", { email, password: TEST_PASSWORD }, jar);
  expect(res.status).toBe(200);
  return { jar, body: (await res.json()) as { twoFactorRedirect?: boolean; token?: string } };
}

/**
 * A code the server has not seen yet: the current one, else the next step's (the server accepts one step
 * either side, for clock drift), as a person would wait for the next code. A used one is refused.
 */
const spent = new WeakMap<TOTP, Set<string>>();
function fresh(authenticator: TOTP): string {
  const used = spent.get(authenticator) ?? new Set<string>();
  spent.set(authenticator, used);
  for (const offset of [0, 30_000, -30_000]) {
    const code = authenticator.generate({ timestamp: Date.now() + offset });
    if (!used.has(code)) {
      used.add(code);
      return code;
    }
  }
  throw new Error("no unused code within the accepted window");
}

const tokenStatus = async (app: TestApp, jar: Jar) => (await app.fetch("/api/auth/token", { headers: { cookie: jar.header() } })).status;

describe("two-factor sign-in (TOTP)", () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await createTestApp();
  });
  afterAll(() => app.close());

  it("is enabled with the password and a first code; the authenticator's URI names the app and the account", async () => {
    const user = await app.signUp();
    const jar = new Jar(user.cookie);
    const wrong = await post(app, "/two-factor/enable", { password: "not my password at all" }, jar);
    expect(wrong.status).toBe(400);
    expect(await wrong.json()).toMatchObject({ code: "INVALID_PASSWORD" });

    const enabled = await post(app, "/two-factor/enable", { password: TEST_PASSWORD }, jar);
    const { totpURI, backupCodes } = (await enabled.json()) as { totpURI: string; backupCodes: string[] };
    const authenticator = URI.parse(totpURI) as TOTP;
    expect(authenticator).toMatchObject({ issuer: "Tasks", label: user.email, digits: 6, period: 30 });
    expect(backupCodes).toHaveLength(10);
    expect(new Set(backupCodes).size).toBe(10);
    // Not on until a first code proves the authenticator has the secret.
    expect((await signInPassword(app, user.email)).body.twoFactorRedirect).toBeUndefined();
    const refused = await post(app, "/two-factor/verify-totp", { code: "000000" }, jar);
    expect(refused.status).toBe(401);
    expect((await post(app, "/two-factor/verify-totp", { code: fresh(authenticator) }, jar)).status).toBe(200);
    expect((await signInPassword(app, user.email)).body.twoFactorRedirect).toBe(true);
  });

  it("a password alone gets no session and no access token; the code completes the sign-in", async () => {
    const user = await app.signUp();
    const { authenticator } = await enableTwoFactor(app, user);
    const { jar, body } = await signInPassword(app, user.email);
    expect(body).toMatchObject({ twoFactorRedirect: true });
    expect(body.token).toBeUndefined();
    expect(jar.has("session_token")).toBe(false);
    expect(await tokenStatus(app, jar)).toBe(401);
    const bearer = await app.fetch("/api/auth/token", { headers: { authorization: `Bearer ${jar.header()}` } });
    expect(bearer.status).toBe(401);

    const wrong = await post(app, "/two-factor/verify-totp", { code: "123456" }, jar);
    expect(wrong.status).toBe(401);
    expect(await wrong.json()).toMatchObject({ code: "INVALID_CODE" });
    expect(await tokenStatus(app, jar)).toBe(401);

    expect((await post(app, "/two-factor/verify-totp", { code: fresh(authenticator) }, jar)).status).toBe(200);
    expect(jar.has("session_token")).toBe(true);
    const token = await app.tokenFor(jar.header());
    expect(await app.client(token).user.me.query()).toMatchObject({ email: user.email });
  });

  it("gives up a sign-in after 5 wrong codes: the password must be given again", async () => {
    const user = await app.signUp();
    const { authenticator } = await enableTwoFactor(app, user);
    const { jar } = await signInPassword(app, user.email);
    for (let i = 0; i < 5; i++) expect((await post(app, "/two-factor/verify-totp", { code: "000000" }, jar)).status).toBe(401);
    const sixth = await post(app, "/two-factor/verify-totp", { code: fresh(authenticator) }, jar);
    expect(sixth.status).toBe(400);
    expect(await sixth.json()).toMatchObject({ code: "TOO_MANY_ATTEMPTS_REQUEST_NEW_CODE" });
    expect(await tokenStatus(app, jar)).toBe(401);
  });

  it("a backup code signs in once", async () => {
    const user = await app.signUp();
    const { backupCodes } = await enableTwoFactor(app, user);
    const first = await signInPassword(app, user.email);
    expect((await post(app, "/two-factor/verify-backup-code", { code: backupCodes[0] }, first.jar)).status).toBe(200);
    expect(await tokenStatus(app, first.jar)).toBe(200);
    const second = await signInPassword(app, user.email);
    expect((await post(app, "/two-factor/verify-backup-code", { code: backupCodes[0] }, second.jar)).status).toBe(401);
    expect(await tokenStatus(app, second.jar)).toBe(401);
    expect((await post(app, "/two-factor/verify-backup-code", { code: backupCodes[1] }, second.jar)).status).toBe(200);
  });

  it("“trust this device” skips the code on that browser only", async () => {
    const user = await app.signUp();
    const { authenticator } = await enableTwoFactor(app, user);
    const { jar } = await signInPassword(app, user.email);
    const trusted = await post(app, "/two-factor/verify-totp", { code: fresh(authenticator), trustDevice: true }, jar);
    expect(trusted.status).toBe(200);
    expect(trusted.headers.getSetCookie().find((line) => line.includes("trust_device"))).toMatch(new RegExp(`Max-Age=${30 * 86_400}`));
    // The same browser (its cookies, the session signed out): straight in.
    const again = await signInPassword(app, user.email, new Jar(jar.header().split("; ").filter((c) => c.includes("trust_device")).join("; ")));
    expect(again.body.twoFactorRedirect).toBeUndefined();
    expect(await tokenStatus(app, again.jar)).toBe(200);
    // Another browser still needs the code.
    expect((await signInPassword(app, user.email)).body.twoFactorRedirect).toBe(true);
  });

  it("is turned off with the password and a code (or a backup code), not with the password alone", async () => {
    const user = await app.signUp();
    const { authenticator, backupCodes, jar } = await enableTwoFactor(app, user);
    for (const [body, code] of [
      [{ password: TEST_PASSWORD }, "CODE_REQUIRED"],
      [{ password: TEST_PASSWORD, code: "000000" }, "INVALID_CODE"],
      [{ password: TEST_PASSWORD, code: "nope-nope" }, "INVALID_CODE"],
      [{ password: TEST_PASSWORD, code: "x".repeat(100) }, "INVALID_CODE"],
      [{ password: "not my password at all", code: fresh(authenticator) }, "INVALID_PASSWORD"],
    ] as const) {
      const res = await post(app, "/two-factor/disable", body, jar);
      expect(res.status).toBe(400);
      expect(await res.json()).toMatchObject({ code });
    }
    expect((await signInPassword(app, user.email)).body.twoFactorRedirect).toBe(true);
    expect((await post(app, "/two-factor/disable", { password: TEST_PASSWORD, code: backupCodes[3] }, jar)).status).toBe(200);
    const after = await signInPassword(app, user.email);
    expect(after.body.twoFactorRedirect).toBeUndefined();
    expect(await tokenStatus(app, after.jar)).toBe(200);
  });

  it("the typed client signs in with `otp` (a code or a backup code), and says when one is needed", async () => {
    const user = await app.signUp();
    const { authenticator, backupCodes } = await enableTwoFactor(app, user);
    const fetch = (input: RequestInfo | URL, init?: RequestInit) => app.fetch(new Request(input, init));
    const base = { baseUrl: TEST_ORIGIN, email: user.email, password: TEST_PASSWORD, fetch };
    await expect(createTaskClient(base)).rejects.toMatchObject({ code: "TWO_FACTOR_REQUIRED" });
    await expect(createTaskClient({ ...base, otp: "000000" })).rejects.toMatchObject({ code: "INVALID_TWO_FACTOR_CODE" });
    const client = await createTaskClient({ ...base, otp: fresh(authenticator) });
    expect(await client.user.me.query()).toMatchObject({ email: user.email });
    const withBackup = await createTaskClient({ ...base, otp: backupCodes[0] });
    expect(await withBackup.user.me.query()).toMatchObject({ email: user.email });
    await expect(createTaskClient(base)).rejects.toBeInstanceOf(TaskClientError);
  });

  it("tasks login asks for the code (--otp, or a prompt) and exits 3 without a right one", async () => {
    const user = await app.signUp();
    const { authenticator } = await enableTwoFactor(app, user);
    const dir = mkdtempSync(join(tmpdir(), "tasks-cli-2fa-"));
    try {
      const tasks = cliRunner(() => app, dir);
      const login = ["login", "--email", user.email, "--password-stdin"];
      expect(await tasks(login, { stdin: TEST_PASSWORD })).toMatchObject({ code: 3, err: expect.stringContaining("two-factor sign-in is on: give the code with --otp") });
      expect(await tasks([...login, "--otp", "000000"], { stdin: TEST_PASSWORD })).toMatchObject({ code: 3, err: expect.stringContaining("Invalid two-factor code") });
      expect(await tasks([...login, "--otp", fresh(authenticator)], { stdin: TEST_PASSWORD })).toMatchObject({ code: 0 });
      expect(await tasks(["whoami"])).toMatchObject({ code: 0, out: expect.stringContaining(user.email) });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("tasks login at a terminal asks for the password, then the code (shown as typed), and signs in", async () => {
    const user = await app.signUp();
    const { authenticator } = await enableTwoFactor(app, user);
    const dir = mkdtempSync(join(tmpdir(), "tasks-cli-2fa-prompt-"));
    try {
      const asked: { question: string; hidden: boolean }[] = [];
      const answers: Record<string, string> = { "Password: ": TEST_PASSWORD, "Two-factor code (or a backup code): ": fresh(authenticator) };
      const out: string[] = [];
      const code = await runCli(["login", "--email", user.email], {
        env: { TASKS_CONFIG_DIR: dir, TASKS_URL: TEST_ORIGIN },
        out: (text) => out.push(text),
        err: (text) => out.push(text),
        readStdin: async () => "",
        readFile: async () => "",
        prompt: async (question, { hidden }) => {
          asked.push({ question, hidden });
          return answers[question] ?? "";
        },
        fetch: (input, init) => app.fetch(new Request(input, init)),
      });
      expect({ code, out: out.join("\n") }).toEqual({ code: 0, out: `Signed in to ${TEST_ORIGIN} as Test User <${user.email}>.` });
      expect(asked).toEqual([
        { question: "Password: ", hidden: true },
        { question: "Two-factor code (or a backup code): ", hidden: false },
      ]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("an API call made with only the password's half-session is UNAUTHORIZED", async () => {
    const user = await app.signUp();
    await enableTwoFactor(app, user);
    const { jar } = await signInPassword(app, user.email);
    // Whatever the second-step cookie holds, it is no access token.
    const twoFactorCookie = jar.header().split("; ").find((c) => c.includes("two_factor"))!;
    expect(await errorCode(app.client(twoFactorCookie.split("=")[1]).user.me.query())).toBe("UNAUTHORIZED");
  });
});

describe("two-factor limits", () => {
  it("limits code guesses per IP like sign-ins (AUTH_SIGN_IN_RATE_LIMIT_MAX)", async () => {
    await using app = await createTestApp({ AUTH_RATE_LIMIT_ENABLED: "true", AUTH_SIGN_IN_RATE_LIMIT_MAX: "3" });
    const user = await app.signUp();
    const { jar } = await enableTwoFactor(app, user);
    const statuses = [];
    for (let i = 0; i < 4; i++) statuses.push((await post(app, "/two-factor/verify-totp", { code: "000000" }, jar, { "x-forwarded-for": "203.0.113.9" })).status);
    expect(statuses).toEqual([401, 401, 401, 429]);
  });
});

describe("a used code is not accepted again (RFC 6238 section 5.2)", () => {
  it("refuses the same code for a second sign-in, and for turning two-factor off, while it would still be valid", async () => {
    await using app = await createTestApp();
    const user = await app.signUp();
    const { authenticator, jar } = await enableTwoFactor(app, user);
    const used = fresh(authenticator);
    const first = await signInPassword(app, user.email);
    expect((await post(app, "/two-factor/verify-totp", { code: used }, first.jar)).status).toBe(200);
    const second = await signInPassword(app, user.email);
    const again = await post(app, "/two-factor/verify-totp", { code: used }, second.jar);
    expect(again.status).toBe(401);
    expect(await again.json()).toMatchObject({ code: "INVALID_CODE", message: "This code was used already: wait for the next one" });
    expect(await tokenStatus(app, second.jar)).toBe(401);
    // The setup's confirming code is spent as well.
    const setupCode = [...spent.get(authenticator)!][0]!;
    const third = await post(app, "/two-factor/verify-totp", { code: setupCode }, second.jar);
    expect(third.status).toBe(401);
    const disable = await post(app, "/two-factor/disable", { password: TEST_PASSWORD, code: used }, jar);
    expect(disable.status).toBe(400);
    expect(await disable.json()).toMatchObject({ code: "INVALID_CODE" });
  });
});
