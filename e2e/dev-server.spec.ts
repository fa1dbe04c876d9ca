import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes, randomUUID } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { createServer, type AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import AxeBuilder from "@axe-core/playwright";
import { expect, test } from "@playwright/test";
import { PASSWORD } from "./fixtures";

/**
 * `npm run dev` on a port of one's choosing (`-p`), with no BETTER_AUTH_URL: the dev server's own
 * origins may sign up (from the form, as a developer would), a foreign origin may not, and the Next
 * route serving tRPC in development answers with the same headers as `npm start`'s Node path.
 */
test.describe.configure({ mode: "serial" });

let port = 0;
let url = "";
let server: ChildProcess;
let output = "";
const dataDir = mkdtempSync(join(tmpdir(), "tasks-dev-"));

/** A port nothing listens on now: the developer's choice, whatever it is. */
async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, "127.0.0.1", resolve));
  const { port: free } = probe.address() as AddressInfo;
  await new Promise((resolve) => probe.close(resolve));
  return free;
}

test.beforeAll(async () => {
  test.setTimeout(180_000);
  port = await freePort();
  url = `http://localhost:${port}`;
  // As a developer runs it: no NODE_ENV, no BETTER_AUTH_URL, no PORT; only the port on the command line.
  const inherited = Object.entries(process.env).filter(([key]) => !["NODE_ENV", "BETTER_AUTH_URL", "PORT"].includes(key));
  // (Next types NODE_ENV as always present in process.env; here it is absent on purpose.)
  const env = { ...Object.fromEntries(inherited), DATABASE_URL: join(dataDir, "app.db"), BETTER_AUTH_SECRET: randomBytes(32).toString("base64"), NEXT_TELEMETRY_DISABLED: "1" } as unknown as NodeJS.ProcessEnv;
  server = spawn("npm", ["run", "dev", "--", "-p", String(port)], { detached: true, stdio: ["ignore", "pipe", "pipe"], env });
  server.stdout!.on("data", (chunk: Buffer) => (output += chunk.toString()));
  server.stderr!.on("data", (chunk: Buffer) => (output += chunk.toString()));
  const deadline = Date.now() + 150_000;
  for (;;) {
    if (server.exitCode !== null) throw new Error(`npm run dev exited (${server.exitCode}):\n${output}`);
    const res = await fetch(`${url}/api/auth/jwks`).catch(() => null);
    if (res?.ok) break;
    if (Date.now() > deadline) throw new Error(`npm run dev did not answer on ${url}:\n${output}`);
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
});
test.afterAll(async () => {
  if (server?.pid) {
    const exited = new Promise((resolve) => server.once("exit", resolve));
    try {
      process.kill(-server.pid, "SIGTERM");
    } catch {
      // gone already
    }
    await exited;
  }
  rmSync(dataDir, { recursive: true, force: true });
});

const signUpFrom = (origin: string) =>
  fetch(`${url}/api/auth/sign-up/email`, {
    method: "POST",
    headers: { "content-type": "application/json", origin },
    body: JSON.stringify({ email: `dev-${randomUUID()}@example.com`, password: PASSWORD, name: "Dev User" }),
  });

test("signing up through the form on the dev server's own port works with no set-up", async ({ page }) => {
  test.setTimeout(120_000);
  await page.goto(`${url}/sign-up`);
  await page.getByLabel("Name").fill("Dev Port User");
  await page.getByLabel("Email").fill(`dev-${randomUUID()}@example.com`);
  await page.getByLabel("Password").fill(PASSWORD);
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page.getByRole("heading", { name: "Tasks" })).toBeVisible({ timeout: 90_000 });
});

test("the dev server trusts its own loopback origins on its port, and no other origin", async () => {
  expect((await signUpFrom(url)).status).toBe(200);
  expect((await signUpFrom(`http://127.0.0.1:${port}`)).status).toBe(200);
  for (const foreign of ["https://evil.example", `http://localhost:${port + 1}`, "null"]) {
    const res = await signUpFrom(foreign);
    expect(res.status).toBe(403);
    expect(((await res.json()) as { code: string }).code).toBe(foreign === "null" ? "MISSING_OR_NULL_ORIGIN" : "INVALID_ORIGIN");
  }
});

test("the Next route serving tRPC in development: tokens and data are never stored", async () => {
  const res = await signUpFrom(url);
  const cookie = res.headers.getSetCookie().map((c) => c.split(";")[0]).join("; ");
  const token = await fetch(`${url}/api/auth/token`, { headers: { cookie } });
  expect(token.headers.get("cache-control")).toBe("no-store");
  const { token: jwt } = (await token.json()) as { token: string };
  for (const headers of [{ authorization: `Bearer ${jwt}` }, {}] as Record<string, string>[]) {
    const me = await fetch(`${url}/api/trpc/user.me`, { headers });
    expect([200, 401]).toContain(me.status);
    expect(me.headers.get("cache-control")).toBe("no-store");
  }
});

test("without SMTP_URL, mail goes to the development outbox: listed at /dev/mail with its link, and printed to the log", async ({ page }) => {
  test.setTimeout(120_000);
  const email = `outbox-${randomUUID()}@example.com`;
  await page.goto(`${url}/forgot-password`);
  await page.getByLabel("Email").fill(email);
  // Reset mails go to accounts only: sign up first (its verification mail lands in the outbox too).
  const signUp = await fetch(`${url}/api/auth/sign-up/email`, {
    method: "POST",
    headers: { "content-type": "application/json", origin: url },
    body: JSON.stringify({ email, password: PASSWORD, name: "Outbox User" }),
  });
  expect(signUp.status).toBe(200);
  await page.getByRole("button", { name: "Send reset link" }).click();
  await expect(page.getByRole("status")).toContainText("a link to choose a new password is on its way");

  await page.goto(`${url}/dev/mail`, { timeout: 90_000 });
  const reset = page.getByRole("article").filter({ hasText: "Tasks: reset your password" }).filter({ hasText: email });
  await expect(reset).toBeVisible({ timeout: 30_000 });
  await expect(page.getByRole("article").filter({ hasText: "Tasks: confirm your email address" }).filter({ hasText: email })).toBeVisible();
  for (const colorScheme of ["light", "dark"] as const) {
    await page.emulateMedia({ colorScheme });
    await page.reload(); // the theme is chosen as the page loads
    await expect(reset).toBeVisible({ timeout: 30_000 });
    const { violations } = await new AxeBuilder({ page }).analyze();
    expect(violations.filter((v) => v.impact === "serious" || v.impact === "critical").map((v) => v.id)).toEqual([]);
  }
  const link = reset.getByRole("link", { name: /\/reset-password\?token=/ });
  expect(output).toContain((await link.getAttribute("href"))!);
  await link.click();
  await expect(page.getByRole("heading", { name: "Choose a new password" })).toBeVisible({ timeout: 90_000 });
});
