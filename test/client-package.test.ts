import { execFile } from "node:child_process";
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildClient } from "../scripts/build-client";

const run = promisify(execFile);
const tsc = resolve("node_modules/typescript/bin/tsc");

/**
 * `npm run build:client` as another repository sees it: the package is built into a consumer project
 * outside this checkout that has only the package and the dependencies it declares, then type-checked
 * and run there.
 */
describe("the client package (npm run build:client)", () => {
  const consumer = mkdtempSync(join(tmpdir(), "tasks-consumer-"));
  const pkgDir = join(consumer, "node_modules/@taskmanager/client");
  let manifest: Awaited<ReturnType<typeof buildClient>>;

  beforeAll(async () => {
    manifest = await buildClient(pkgDir);
    for (const name of Object.keys(manifest.dependencies)) {
      mkdirSync(dirname(join(consumer, "node_modules", name)), { recursive: true });
      symlinkSync(resolve("node_modules", name), join(consumer, "node_modules", name), "dir");
    }
    writeFileSync(join(consumer, "package.json"), JSON.stringify({ name: "consumer", private: true, type: "module" }));
    writeFileSync(
      join(consumer, "tsconfig.json"),
      JSON.stringify({
        compilerOptions: { strict: true, module: "nodenext", moduleResolution: "nodenext", target: "es2022", lib: ["es2023", "dom"], types: [], noEmit: true, skipLibCheck: true },
        files: ["consumer.ts"],
      }),
    );
  }, 120_000);
  afterAll(() => rmSync(consumer, { recursive: true, force: true }));

  const typecheck = (source: string) => {
    writeFileSync(join(consumer, "consumer.ts"), source);
    return run(process.execPath, [tsc, "-p", consumer]).then(
      () => "",
      (error: { stdout: string }) => error.stdout,
    );
  };

  it("types every procedure from AppRouter and rejects wrong calls at compile time", async () => {
    const errors = await typecheck(`
      import { createTaskClient, type RouterInputs, type RouterOutputs } from "@taskmanager/client";
      const client = await createTaskClient({ baseUrl: "http://localhost:3000", accessToken: "token" });
      const input: RouterInputs["task"]["create"] = { title: "Typed", priority: "high", dueDate: new Date() };
      const task: RouterOutputs["task"]["create"] = await client.task.create.mutate(input);
      const due: Date | null = task.dueDate;
      const done: boolean = task.completed;
      const page: { items: { id: string }[]; nextCursor: string | null } = await client.task.list.query({ filter: "active" });
      // @ts-expect-error: no such procedure
      await client.task.archive.mutate({ id: task.id });
      // @ts-expect-error: title must be a string
      await client.task.create.mutate({ title: 42 });
      // @ts-expect-error: not a priority
      await client.task.update.mutate({ id: task.id, priority: "urgent" });
      // @ts-expect-error: a number is not a Date
      const wrong: number = task.createdAt;
      export { due, done, page, wrong };
    `);
    expect(errors).toBe("");
  }, 60_000);

  it("a wrong input is a compile error in the consumer", async () => {
    const errors = await typecheck(`
      import { createTaskClient } from "@taskmanager/client";
      const client = await createTaskClient({ baseUrl: "http://localhost:3000", accessToken: "token" });
      await client.task.create.mutate({ title: "ok", priority: "urgent" });
    `);
    expect(errors).toMatch(/consumer\.ts\(4,.*error TS2322: Type '"urgent"' is not assignable/);
  }, 60_000);

  it("runs without this repository: the client, the verifier and the tasks bin", async () => {
    const { stdout } = await run(
      process.execPath,
      ["--input-type=module", "-e", `const m = await import("@taskmanager/client"); console.log(Object.keys(m).sort().join(","));`],
      { cwd: consumer },
    );
    expect(stdout.trim()).toBe("KeySetUnavailableError,TaskClientError,createRemoteTokenVerifier,createTaskClient,signOutSession,verifyAccessToken");
    const help = await run(process.execPath, [join(pkgDir, manifest.bin.tasks), "help"], { cwd: consumer });
    expect(help.stdout).toContain("tasks login");
  });

  it("carries no server code and declares exactly what it imports", () => {
    const code = readdirSync(pkgDir)
      .filter((file) => file.endsWith(".js"))
      .map((file) => readFileSync(join(pkgDir, file), "utf8"))
      .join("\n");
    expect(code).not.toMatch(/better-sqlite3|better-auth|from "kysely"|next\//);
    // Every arrow points one way: the bundle holds the client's own modules and src/shared, nothing else.
    expect(manifest.bundled.length).toBeGreaterThan(0);
    expect(manifest.bundled.filter((file) => !/^src\/(client|shared)\//.test(file))).toEqual([]);
    expect(manifest.bundled).toEqual(expect.arrayContaining(["src/shared/token-verifier.ts", "src/shared/task-input.ts"]));
    expect(Object.keys(manifest.dependencies)).toEqual(["@trpc/client", "@trpc/server", "chrono-node", "env-paths", "eventsource", "jose", "kysely", "string-width", "superjson", "zod"]);
  });
});
