import { execFile, spawn } from "node:child_process";
import { randomBytes, randomUUID } from "node:crypto";
import { mkdtempSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { decodeProtectedHeader } from "jose";
import { expect, test } from "@playwright/test";
import { createTaskClient } from "../src/client/task-client";
import { PASSWORD } from "./fixtures";
import { startProductionServer, type ProductionServer } from "../test/fixtures/production-server";

/**
 * The TypeScript clients against a real production server of their own (short token lifetime, temp
 * database): the `tasks` CLI as a user runs it, the typed client's token refresh, key rotation on a
 * running server, and a second service trusting the same tokens. No browser.
 */
test.describe.configure({ mode: "serial" });

const port = Number(process.env.E2E_PORT ?? 3100) + 1;
const secret = randomBytes(32).toString("base64");
const tokenTtlSeconds = 10;
let server: ProductionServer;

test.beforeAll(async () => {
  test.setTimeout(90_000);
  server = await startProductionServer(port, { BETTER_AUTH_SECRET: secret, ACCESS_TOKEN_TTL_SECONDS: String(tokenTtlSeconds) });
});
test.afterAll(async () => {
  await server?.stop();
});

/** Signs a user up over HTTP, as any client would. */
async function signUp() {
  const email = `cli-${randomUUID()}@example.com`;
  const res = await fetch(`${server.url}/api/auth/sign-up/email`, {
    method: "POST",
    headers: { "content-type": "application/json", origin: server.url },
    body: JSON.stringify({ email, password: PASSWORD, name: "Cli User" }),
  });
  expect(res.status).toBe(200);
  return { email, cookie: res.headers.getSetCookie().map((c) => c.split(";")[0]).join("; ") };
}

async function tokenFor(cookie: string) {
  return ((await (await fetch(`${server.url}/api/auth/token`, { headers: { cookie } })).json()) as { token: string }).token;
}

/** Runs the `tasks` bin as a user would, with its own config directory; resolves exit code and output. */
function tasks(configDir: string, args: string[], stdin?: string): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = execFile(
      process.execPath,
      ["bin/tasks.mjs", ...args],
      { env: { ...process.env, TASKS_CONFIG_DIR: configDir, TASKS_URL: server.url } },
      (error, stdout, stderr) => resolve({ code: error ? Number(error.code) : 0, stdout: stdout.trim(), stderr: stderr.trim() }),
    );
    child.stdin!.end(stdin ?? "");
  });
}

test("the tasks CLI: login, add, ls, done, rm, export and import, logout", async () => {
  test.setTimeout(120_000); // some twenty runs of the bin, each starting Node and tsx, beside the browser suite
  const alice = await signUp();
  const dir = mkdtempSync(join(tmpdir(), "tasks-cli-"));
  try {
    expect(await tasks(dir, ["login", "--email", alice.email, "--password-stdin"], PASSWORD)).toMatchObject({
      code: 0,
      stdout: `Signed in to ${server.url} as Cli User <${alice.email}>.`,
    });
    expect(statSync(join(dir, "session.json")).mode & 0o777).toBe(0o600);
    expect((await tasks(dir, ["whoami"])).stdout).toBe(`Cli User <${alice.email}> at ${server.url}`);

    const milk = JSON.parse((await tasks(dir, ["add", "Buy milk", "--due", "2031-03-04", "--priority", "high", "--json"])).stdout) as { id: string };
    const bank = JSON.parse((await tasks(dir, ["add", "Call the bank", "--json"])).stdout) as { id: string };
    const ls = await tasks(dir, ["ls"]);
    expect(ls.stdout.split("\n")).toEqual([
      expect.stringMatching(/^ID +DONE +PRIORITY +DUE +TITLE$/),
      expect.stringMatching(new RegExp(`^${milk.id} +\\[ \\] +high +2031-03-04 +Buy milk$`)),
      expect.stringMatching(new RegExp(`^${bank.id} +\\[ \\] +- +- +Call the bank$`)),
    ]);

    expect((await tasks(dir, ["done", milk.id])).code).toBe(0);
    expect((await tasks(dir, ["ls"])).stdout).not.toContain("Buy milk");
    expect((await tasks(dir, ["ls", "--done"])).stdout).toContain("Buy milk");
    expect(await tasks(dir, ["rm", bank.id])).toMatchObject({ code: 0, stdout: `Deleted ${bank.id}.` });
    expect(await tasks(dir, ["done", bank.id])).toMatchObject({ code: 4, stderr: "tasks: Task not found" });

    const exported = await tasks(dir, ["export"]);
    expect(exported.code).toBe(0);
    const file = join(dir, "export.json");
    writeFileSync(file, exported.stdout);

    // The export goes into another account, and back out the same.
    const bob = await signUp();
    const bobDir = mkdtempSync(join(tmpdir(), "tasks-cli-"));
    try {
      await tasks(bobDir, ["login", "--email", bob.email, "--password-stdin"], PASSWORD);
      expect(await tasks(bobDir, ["import", file])).toMatchObject({ code: 0, stdout: "Imported 1 task." });
      const strip = (out: string) =>
        (JSON.parse(out) as { tasks: Record<string, unknown>[] }).tasks.map(({ title, completed, priority, dueDate, notes }) => ({ title, completed, priority, dueDate, notes }));
      expect(strip((await tasks(bobDir, ["export"])).stdout)).toEqual(strip(exported.stdout));
    } finally {
      rmSync(bobDir, { recursive: true });
    }

    expect(await tasks(dir, ["logout"])).toMatchObject({ code: 0, stdout: "Signed out." });
    expect(() => statSync(join(dir, "session.json"))).toThrow();
    expect(await tasks(dir, ["ls"])).toMatchObject({ code: 3, stderr: "tasks: Not signed in: run 'tasks login' first." });
  } finally {
    rmSync(dir, { recursive: true });
  }
});

test("the tasks CLI reports a server that is down", async () => {
  const dir = mkdtempSync(join(tmpdir(), "tasks-cli-"));
  try {
    const result = await tasks(dir, ["login", "--url", "http://127.0.0.1:9", "--email", "a@example.com", "--password-stdin"], PASSWORD);
    expect(result).toMatchObject({ code: 5, stderr: "tasks: Cannot reach http://127.0.0.1:9" });
  } finally {
    rmSync(dir, { recursive: true });
  }
});

test("the typed client refreshes its token before it expires", async () => {
  test.setTimeout(40_000);
  const { email } = await signUp();
  const issued: string[] = [];
  const client = await createTaskClient({
    baseUrl: server.url,
    email,
    password: PASSWORD,
    fetch: async (input, init) => {
      const res = await fetch(input, init);
      if (new URL(String(input instanceof Request ? input.url : input)).pathname === "/api/auth/token") {
        issued.push(((await res.clone().json()) as { token: string }).token);
      }
      return res;
    },
  });
  await client.task.create.mutate({ title: "Before" });
  expect(issued).toHaveLength(1);

  // Past three quarters of the token's life the client gets a new one ...
  const sleep = (seconds: number) => new Promise((resolve) => setTimeout(resolve, seconds * 1000));
  await sleep(tokenTtlSeconds * 0.8);
  expect((await client.task.list.query()).items.map((t) => t.title)).toEqual(["Before"]);
  expect(issued).toHaveLength(2);
  // ... and past its end (plus the verifier's 5 s clock tolerance) the old one is refused.
  await sleep(tokenTtlSeconds * 0.2 + 6);
  const stale = await fetch(`${server.url}/api/trpc/user.me`, { headers: { authorization: `Bearer ${issued[0]}` } });
  expect(stale.status).toBe(401);
  expect(((await stale.json()) as { error: { json: { message: string } } }).error.json.message).toBe("Access token expired");
});

test("a key rotated while the server runs: old and new tokens are both accepted at once", async () => {
  const { cookie } = await signUp();
  const before = await tokenFor(cookie);
  const me = (token: string) => fetch(`${server.url}/api/trpc/user.me`, { headers: { authorization: `Bearer ${token}` } });
  expect((await me(before)).status).toBe(200); // the server has loaded its keys

  const rotate = await new Promise<{ code: number | null; output: string }>((resolve) => {
    const child = spawn("npm", ["run", "-s", "keys:rotate"], {
      env: { ...process.env, DATABASE_URL: join(server.dataDir, "app.db"), BETTER_AUTH_SECRET: secret, BETTER_AUTH_URL: server.url },
    });
    let output = "";
    child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()));
    child.on("exit", (code) => resolve({ code, output }));
  });
  expect(rotate.output).toContain("Retired 1 signing key");
  expect(rotate.code).toBe(0);

  const after = await tokenFor(cookie);
  expect(decodeProtectedHeader(after).kid).not.toBe(decodeProtectedHeader(before).kid);
  expect((await me(after)).status).toBe(200);
  expect((await me(before)).status).toBe(200);
  const published = ((await (await fetch(`${server.url}/api/auth/jwks`)).json()) as { keys: { kid: string }[] }).keys.map((k) => k.kid);
  expect(published).toEqual(expect.arrayContaining([decodeProtectedHeader(before).kid, decodeProtectedHeader(after).kid]));
});

test("a second service trusts the same tokens through /api/auth/jwks", async () => {
  const servicePort = port + 10;
  const service = spawn(process.execPath, ["--import", "tsx", "examples/second-service.ts"], {
    env: { ...process.env, TASKS_URL: server.url, PORT: String(servicePort) },
    stdio: ["ignore", "pipe", "inherit"],
  });
  try {
    await new Promise<void>((resolve) => service.stdout!.once("data", () => resolve()));
    const whoami = (authorization?: string) =>
      fetch(`http://127.0.0.1:${servicePort}/whoami`, { headers: authorization ? { authorization } : {} });
    const { cookie } = await signUp();
    const token = await tokenFor(cookie);
    const userId = ((await (await fetch(`${server.url}/api/trpc/user.me`, { headers: { authorization: `Bearer ${token}` } })).json()) as {
      result: { data: { json: { id: string } } };
    }).result.data.json.id;

    const ok = await whoami(`Bearer ${token}`);
    expect(ok.status).toBe(200);
    expect(await ok.json()).toEqual({ userId });
    expect((await whoami()).status).toBe(401);
    expect((await whoami(`Bearer ${token.slice(0, -2)}xx`)).status).toBe(401);
  } finally {
    service.kill();
  }
});

test("examples/node-client.ts runs as the README says: it signs up on a fresh server, then signs in", async () => {
  const run = (env: Record<string, string>) =>
    new Promise<{ code: number; stdout: string; stderr: string }>((resolve) => {
      execFile(
        process.execPath,
        ["node_modules/tsx/dist/cli.mjs", "examples/node-client.ts"],
        { env: { ...process.env, BASE_URL: server.url, ...env } },
        (error, stdout, stderr) => resolve({ code: error ? Number(error.code) : 0, stdout: stdout.trim(), stderr: stderr.trim() }),
      );
    });
  const email = `example-${randomUUID()}@example.com`;
  const first = await run({ EMAIL: email });
  expect(first.stderr).toBe("");
  expect(first.stdout).toMatch(new RegExp(`^Signed up ${email} on ${server.url}\\nExample Client has 1 active task\\(s\\); created [\\w-]{36} at `));
  const second = await run({ EMAIL: email });
  expect(second.stdout).toMatch(/^Example Client has 2 active task\(s\); created /);
  // An existing account with another password: it says what to set, with no stack trace.
  const wrong = await run({ EMAIL: email, PASSWORD: "some other long passphrase" });
  expect(wrong.code).not.toBe(0);
  expect(wrong.stderr).toContain(`Sign-in as ${email} failed, and so did signing up`);
  expect(wrong.stderr).toContain("set EMAIL and PASSWORD to an account of yours");
  expect(wrong.stderr).not.toMatch(/\n\s+at /);
});

test("tasks watch --json on a real server: every change once, across its token's expiry, and Ctrl-C exits 0", async () => {
  test.setTimeout(60_000);
  const { email, cookie } = await signUp();
  const dir = mkdtempSync(join(tmpdir(), "tasks-cli-watch-"));
  try {
    expect((await tasks(dir, ["login", "--email", email, "--password-stdin"], PASSWORD)).code).toBe(0);
    const watch = spawn(process.execPath, ["bin/tasks.mjs", "watch", "--json"], { env: { ...process.env, TASKS_CONFIG_DIR: dir, TASKS_URL: server.url } });
    let stdout = "";
    watch.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
    let stderr = "";
    watch.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    const lines = () => stdout.split("\n").filter(Boolean).map((line) => JSON.parse(line) as { eventId: string; type: string; task?: { title: string } });
    const waitFor = async (count: number) => {
      for (let i = 0; i < 100 && lines().length < count; i += 1) await new Promise((resolve) => setTimeout(resolve, 100));
      expect(lines().length, stderr).toBeGreaterThanOrEqual(count);
    };
    // It says on stderr when its stream is open: changes from then on are seen.
    await expect.poll(() => stderr, { timeout: 30_000 }).toContain(`Watching ${server.url} for changes`);
    const api = await createTaskClient({ baseUrl: server.url, sessionCookie: cookie });
    await api.task.create.mutate({ title: "before expiry" });
    await waitFor(1);
    // The stream's token (10 s) expires; the CLI reconnects with a fresh one and its Last-Event-ID.
    await new Promise((resolve) => setTimeout(resolve, (tokenTtlSeconds + 2) * 1000));
    await api.task.create.mutate({ title: "after expiry" });
    await waitFor(2);
    const exited = new Promise<number | null>((resolve) => watch.once("exit", (code) => resolve(code)));
    watch.kill("SIGINT");
    expect(await exited).toBe(0);
    expect(lines().map((line) => [line.type, line.task?.title])).toEqual([
      ["task.upserted", "before expiry"],
      ["task.upserted", "after expiry"],
    ]);
    expect(Number(lines()[1]!.eventId)).toBe(Number(lines()[0]!.eventId) + 1);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
