import { randomUUID } from "node:crypto";
import { expect, test } from "@playwright/test";
import { PASSWORD } from "./fixtures";
import { startProductionServer, type ProductionServer } from "../test/fixtures/production-server";

/**
 * Web hardening against real production servers (`npm start`): what only a real server shows (Better
 * Auth skips its origin check under NODE_ENV=test; `X-Forwarded-For` handling is the HTTP server's).
 * Headers and the page policy are checked on the suite's server; the limits on one of this file's own,
 * with tight limits (every request here comes from 127.0.0.1, so its budgets are shared).
 */
test.describe.configure({ mode: "serial" });

const suiteUrl = `http://localhost:${Number(process.env.E2E_PORT ?? 3100)}`;
const port = Number(process.env.E2E_PORT ?? 3100) + 2;
let server: ProductionServer;

test.beforeAll(async () => {
  test.setTimeout(90_000);
  server = await startProductionServer(port, { AUTH_SIGN_IN_RATE_LIMIT_MAX: "3", API_RATE_LIMIT_PER_IP: "5" });
});
test.afterAll(async () => {
  await server?.stop();
});

async function signUp() {
  const email = `sec-${randomUUID()}@example.com`;
  const res = await fetch(`${server.url}/api/auth/sign-up/email`, {
    method: "POST",
    headers: { "content-type": "application/json", origin: server.url, "x-forwarded-for": `198.51.100.${Math.floor(Math.random() * 250)}` },
    body: JSON.stringify({ email, password: PASSWORD, name: "Original Name" }),
  });
  expect(res.status).toBe(200);
  return { email, cookie: res.headers.getSetCookie().map((c) => c.split(";")[0]).join("; ") };
}

test("security headers on pages, the APIs and static files; no X-Powered-By", async () => {
  const page = await fetch(`${suiteUrl}/sign-in`);
  const policy = page.headers.get("content-security-policy")!;
  expect(policy).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=]+' 'strict-dynamic'/);
  expect(policy).toContain("frame-ancestors 'none'");
  expect(policy).toContain("object-src 'none'");
  expect(policy).not.toContain("unsafe-eval");
  const html = await page.text();
  const nonce = /'nonce-([^']+)'/.exec(policy)![1]!;
  // Every script in the page carries this response's nonce, and it differs on the next request.
  const scripts = [...html.matchAll(/<script\b[^>]*>/g)].map((m) => m[0]);
  expect(scripts.length).toBeGreaterThan(0);
  for (const script of scripts) expect(script).toContain(`nonce="${nonce}"`);
  expect((await fetch(`${suiteUrl}/sign-in`)).headers.get("content-security-policy")).not.toContain(nonce);

  const chunk = /src="(\/_next\/static\/[^"]+\.js)"/.exec(html)![1]!;
  for (const res of [page, await fetch(`${suiteUrl}/api/auth/jwks`), await fetch(`${suiteUrl}/api/trpc/user.me`), await fetch(`${suiteUrl}${chunk}`)]) {
    expect(res.headers.get("x-content-type-options")).toBe("nosniff");
    expect(res.headers.get("referrer-policy")).toBe("strict-origin-when-cross-origin");
    expect(res.headers.get("x-frame-options")).toBe("DENY");
    expect(res.headers.get("strict-transport-security")).toMatch(/^max-age=\d{8,}/);
    expect(res.headers.get("x-powered-by")).toBeNull();
    expect(res.headers.get("content-security-policy")).toContain("frame-ancestors 'none'");
  }
});

test("the app runs under its policy: no CSP violation from sign-up to the task list", async ({ page }) => {
  const violations: string[] = [];
  page.on("console", (message) => {
    if (/Content Security Policy/i.test(message.text())) violations.push(message.text());
  });
  await page.goto("/sign-up");
  await page.getByLabel("Name").fill("Csp User");
  await page.getByLabel("Email").fill(`csp-${randomUUID()}@example.com`);
  await page.getByLabel("Password").fill(PASSWORD);
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page.getByRole("heading", { name: "Tasks" })).toBeVisible();
  await page.locator(".new-todo").fill("Under a strict policy");
  await page.locator(".new-todo").press("Enter");
  await expect(page.getByText("Under a strict policy")).toBeVisible();
  expect(violations).toEqual([]);
});

test("a new X-Forwarded-For on each attempt does not escape the sign-in limit", async () => {
  const statuses: number[] = [];
  for (let i = 0; i < 5; i += 1) {
    const res = await fetch(`${server.url}/api/auth/sign-in/email`, {
      method: "POST",
      headers: { "content-type": "application/json", origin: server.url, "x-forwarded-for": `203.0.113.${i + 1}` },
      body: JSON.stringify({ email: "nobody@example.com", password: "wrong password 123" }),
    });
    statuses.push(res.status);
  }
  expect(statuses).toEqual([401, 401, 401, 429, 429]);
});

test("the rate-limited sign-in form says how long to wait, from Retry-After", async ({ page }) => {
  // This file's server allows 3 attempts a minute per address (the browser's may be ::1, not 127.0.0.1).
  await page.goto(`${server.url}/sign-in`);
  await page.getByLabel("Email").fill("nobody@example.com");
  await page.getByLabel("Password").fill("wrong password 123");
  const alert = page.locator("form").getByRole("alert");
  for (let attempt = 0; attempt < 4; attempt += 1) {
    const answered = page.waitForResponse((res) => res.url().endsWith("/api/auth/sign-in/email"));
    await page.getByRole("button", { name: "Sign in" }).click();
    if ((await answered).status() === 429) break;
    await expect(alert).toHaveText("Invalid email or password");
  }
  await expect(alert).toHaveText(/^Too many attempts\. Try again in \d+ seconds?\.$/);
});

test("a new X-Forwarded-For on each call does not escape the API's per-IP limit", async () => {
  const statuses: number[] = [];
  for (let i = 0; i < 7; i += 1) {
    const res = await fetch(`${server.url}/api/trpc/user.me`, { headers: { "x-forwarded-for": `192.0.2.${i + 1}` } });
    statuses.push(res.status);
    if (res.status === 429) expect(res.headers.get("retry-after")).toMatch(/^\d+$/);
  }
  expect(statuses.slice(0, 5)).toEqual([401, 401, 401, 401, 401]);
  expect(statuses.slice(5)).toEqual([429, 429]);
});

test("cookie-authenticated Better Auth POSTs from an untrusted Origin are refused and change nothing", async () => {
  const { cookie } = await signUp();
  for (const origin of ["https://evil.example", "null"]) {
    const update = await fetch(`${server.url}/api/auth/update-user`, {
      method: "POST",
      headers: { "content-type": "application/json", cookie, origin },
      body: JSON.stringify({ name: "Pwned" }),
    });
    expect(update.status).toBe(403);
    const signOut = await fetch(`${server.url}/api/auth/sign-out`, { method: "POST", headers: { "content-type": "application/json", cookie, origin }, body: "{}" });
    expect(signOut.status).toBe(403);
  }
  const session = (await (await fetch(`${server.url}/api/auth/get-session`, { headers: { cookie } })).json()) as { user: { name: string } };
  expect(session.user.name).toBe("Original Name");
  // The same request from the app's own origin goes through: the 403s were about the origin.
  const own = await fetch(`${server.url}/api/auth/update-user`, {
    method: "POST",
    headers: { "content-type": "application/json", cookie, origin: server.url },
    body: JSON.stringify({ name: "New Name" }),
  });
  expect(own.status).toBe(200);
});

test("a production server never lets a token or private data be stored; the key set is briefly cacheable", async () => {
  // On the suite's server: this file's own has a per-IP API budget of 5, spent by the tests above.
  const signUpRes = await fetch(`${suiteUrl}/api/auth/sign-up/email`, {
    method: "POST",
    headers: { "content-type": "application/json", origin: suiteUrl },
    body: JSON.stringify({ email: `cache-${randomUUID()}@example.com`, password: PASSWORD, name: "Cache" }),
  });
  expect(signUpRes.headers.get("cache-control")).toBe("no-store");
  const cookie = signUpRes.headers.getSetCookie().map((c) => c.split(";")[0]).join("; ");
  const token = await fetch(`${suiteUrl}/api/auth/token`, { headers: { cookie } });
  expect(token.status).toBe(200);
  expect(token.headers.get("cache-control")).toBe("no-store");
  const { token: jwt } = (await token.json()) as { token: string };
  const session = await fetch(`${suiteUrl}/api/auth/get-session`, { headers: { cookie } });
  expect(session.headers.get("cache-control")).toBe("no-store");
  // npm start answers tRPC from Node itself (src/server/trpc/node-listener.ts): data and errors alike.
  for (const headers of [{ authorization: `Bearer ${jwt}` }, {}] as Record<string, string>[]) {
    const me = await fetch(`${suiteUrl}/api/trpc/user.me`, { headers });
    expect(me.status).toBe("authorization" in headers ? 200 : 401);
    expect(me.headers.get("cache-control")).toBe("no-store");
  }
  const jwks = await fetch(`${suiteUrl}/api/auth/jwks`);
  expect(jwks.headers.get("cache-control")).toBe("public, max-age=300");
});

test("production trusts exactly BETTER_AUTH_URL: the same port under another loopback name is refused", async () => {
  const res = await fetch(`${server.url}/api/auth/sign-up/email`, {
    method: "POST",
    headers: { "content-type": "application/json", origin: server.url.replace("localhost", "127.0.0.1"), "x-forwarded-for": "198.51.100.77" },
    body: JSON.stringify({ email: `origin-${randomUUID()}@example.com`, password: PASSWORD, name: "Origin" }),
  });
  expect(res.status).toBe(403);
  expect(((await res.json()) as { code: string }).code).toBe("INVALID_ORIGIN");
});

test("a page opened at an origin the server does not trust says what to set, not only 'Invalid origin'", async ({ page }) => {
  const foreign = suiteUrl.replace("localhost", "127.0.0.1");
  await page.goto(`${foreign}/sign-up`);
  await page.getByLabel("Name").fill("Wrong Origin");
  await page.getByLabel("Email").fill(`origin-${randomUUID()}@example.com`);
  await page.getByLabel("Password").fill(PASSWORD);
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page.locator("form").getByRole("alert")).toHaveText(
    `This server does not accept sign-ins from ${foreign}. Open the app at the address in its BETTER_AUTH_URL, or set BETTER_AUTH_URL=${foreign} and restart the server.`,
  );
});
