import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { TRPCClientError } from "@trpc/client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { escapeForTerminal } from "@/shared/text";
import { cliRunner } from "./fixtures/cli";
import { createTestApp, TEST_PASSWORD, type TestApp, type TestUser } from "./fixtures/test-app";

const ESC = "\u001b";
/** What a hostile title does to a terminal: clear it, set its title, ring, recolour; and a C1 CSI. */
const HOSTILE = [`${ESC}[2J`, `${ESC}]0;pwned\u0007`, "\u0007", `${ESC}[31m`, "\u009b31m", "\u0000", "\u007f", "\r", "\n", "\t"];

async function badRequest(call: Promise<unknown>): Promise<string> {
  const error = await call.then(() => null, (e: unknown) => e);
  expect(error).toBeInstanceOf(TRPCClientError);
  const { data, message } = error as { message: string; data: { code: string; httpStatus: number; zodError: { fieldErrors: Record<string, string[]> } | null } };
  expect(data.code).toBe("BAD_REQUEST");
  expect(data.httpStatus).toBe(400);
  return Object.values(data.zodError?.fieldErrors ?? {}).flat()[0] ?? message;
}

/**
 * C0/C1 control characters are refused at the API (a clear BAD_REQUEST, nothing written), and the CLI
 * escapes whatever reaches it anyway (a row written before this rule, or by another server).
 */
describe("control characters in user text", () => {
  let app: TestApp;
  let user: TestUser;
  const configDir = mkdtempSync(join(tmpdir(), "tasks-controls-"));
  const tasks = cliRunner(() => app, configDir);

  beforeAll(async () => {
    app = await createTestApp();
    user = await app.signUp({ name: "Control Tester" });
    expect((await tasks(["login", "--email", user.email, "--password-stdin"], { stdin: TEST_PASSWORD })).code).toBe(0);
  });
  afterAll(async () => {
    await app.close();
    rmSync(configDir, { recursive: true, force: true });
  });

  it.each(HOSTILE.map((c) => [JSON.stringify(c), c]))("a title holding %s is refused, and no task is created", async (_, control) => {
    const api = app.client(user.token);
    expect(await badRequest(api.task.create.mutate({ title: `Hello${control}world` }))).toBe("Title must not contain control characters");
    expect((await api.task.stats.query()).total).toBe(0);
  });

  it("an update with a control character changes nothing; notes keep newlines and tabs but refuse ESC", async () => {
    const api = app.client(user.token);
    const task = await api.task.create.mutate({ title: "Plain", notes: "line one\n\tline two\r\n" });
    expect(task.notes).toBe("line one\n\tline two\r\n");
    expect(await badRequest(api.task.update.mutate({ id: task.id, title: `Plain${ESC}[2J` }))).toBe("Title must not contain control characters");
    expect(await badRequest(api.task.update.mutate({ id: task.id, notes: `notes${ESC}]0;x\u0007` }))).toBe("Notes must not contain control characters");
    expect(await api.task.byId.query({ id: task.id })).toEqual(task);
    await api.task.delete.mutate({ id: task.id });
  });

  it("right-to-left text and its marks are kept (the page and the CLI isolate them instead)", async () => {
    const api = app.client(user.token);
    const task = await api.task.create.mutate({ title: "שלום \u202Bעולם\u202C" });
    expect(task.title).toBe("שלום \u202Bעולם\u202C");
    await api.task.delete.mutate({ id: task.id });
  });

  it("list names and searches are held to the same rule", async () => {
    const api = app.client(user.token);
    expect(await badRequest(api.list.create.mutate({ name: `Work${ESC}[2J` }))).toBe("List name must not contain control characters");
    const list = await api.list.create.mutate({ name: "Work" });
    expect(await badRequest(api.list.rename.mutate({ id: list.id, name: "Work\u0007" }))).toBe("List name must not contain control characters");
    expect((await api.list.all.query()).lists.map((l) => l.name)).toEqual(["Work"]);
    expect(await badRequest(api.task.list.query({ search: "a\u0000" }))).toBe("Search must not contain control characters");
  });

  it("a name with a control character is refused at sign-up and on update", async () => {
    const signUp = await app.fetch("/api/auth/sign-up/email", {
      method: "POST",
      headers: { "content-type": "application/json", origin: app.config.baseUrl },
      body: JSON.stringify({ email: "ctl@example.com", name: `Eve${ESC}[2J`, password: TEST_PASSWORD }),
    });
    expect(signUp.status).toBe(400);
    expect(((await signUp.json()) as { message: string }).message).toBe("Name must not contain control characters");
    expect(await app.db.selectFrom("user").select("id").where("email", "=", "ctl@example.com").executeTakeFirst()).toBeUndefined();
    const update = await app.fetch("/api/auth/update-user", {
      method: "POST",
      headers: { "content-type": "application/json", origin: app.config.baseUrl, cookie: user.cookie },
      body: JSON.stringify({ name: "Bell\u0007" }),
    });
    expect(update.status).toBe(400);
    expect((await app.client(user.token).user.me.query()).name).toBe("Control Tester");
  });

  it("the CLI prints rows that hold control or bidi characters escaped, in every output", async () => {
    // As a row from before this rule (or from another server) would be: written past the API.
    const created = await app.client(user.token).task.create.mutate({ title: "placeholder" });
    const hostile = `Pay ${ESC}[2J${ESC}]0;pwned\u0007 \u202Egnp.exe\r done\u009b`;
    await app.db.updateTable("task").set({ title: hostile, notes: `n${ESC}[31m` }).where("id", "=", created.id).execute();
    const outputs = [await tasks(["ls"]), await tasks(["ls", "--json"]), await tasks(["export"]), await tasks(["done", created.id])];
    for (const { code, out } of outputs) {
      expect(code).toBe(0);
      expect(out).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/);
    }
    expect(outputs[3]!.out).toContain("Pay \\u001b[2J\\u001b]0;pwned\\u0007 \\u202egnp.exe\\u000d done\\u009b");
    expect(outputs[0]!.out).toContain("Pay \\u001b[2J\\u001b]0;pwned\\u0007 \\u202egnp.exe");
    // The JSON stays JSON, and parses back to the stored text.
    expect((JSON.parse(outputs[1]!.out) as { id: string; title: string }[]).find((t) => t.id === created.id)?.title).toBe(hostile);
    await app.client(user.token).task.delete.mutate({ id: created.id });
  });

  it("escapeForTerminal leaves tabs, newlines and ordinary text alone", () => {
    expect(escapeForTerminal("a\tb\nc — ü 日本 שלום")).toBe("a\tb\nc — ü 日本 שלום");
    expect(escapeForTerminal(`${ESC}[0m`)).toBe("\\u001b[0m");
  });
});
