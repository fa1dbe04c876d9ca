import { execFile, execFileSync } from "node:child_process";
import { cpSync, mkdtempSync, readFileSync, rmSync, symlinkSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { generateRouter } from "../scripts/new-router";

const run = promisify(execFile);

/**
 * `npm run new:router` on a copy of this project: the generated router, migration, table types and
 * tests pass typecheck, lint and their own tests, and the access-control suite covers the new
 * procedures without being edited.
 */
describe("npm run new:router", () => {
  const copy = mkdtempSync(join(tmpdir(), "tasks-generator-"));
  let written: string[] = [];

  beforeAll(() => {
    const files = execFileSync("git", ["ls-files", "-z", "--cached", "--others", "--exclude-standard"], { encoding: "utf8" }).split("\0").filter(Boolean);
    for (const file of files) cpSync(file, join(copy, file), { recursive: true });
    symlinkSync(resolve("node_modules"), join(copy, "node_modules"), "dir");
    written = generateRouter(copy, "note");
  });
  afterAll(() => rmSync(copy, { recursive: true, force: true }));

  it("writes the migration, table types, repository, router, registration and tests", () => {
    expect(written.map((file) => file.slice(copy.length + 1)).sort()).toEqual([
      "db/migrations/0005_create_note.ts",
      "db/migrations/index.ts",
      "db/schema.ts",
      "src/server/note/note-repository.ts",
      "src/server/trpc/routers/_app.ts",
      "src/server/trpc/routers/note.ts",
      "test/note-router.test.ts",
    ]);
    expect(readFileSync(join(copy, "src/server/trpc/routers/_app.ts"), "utf8")).toContain("  note: noteRouter,\n");
  });

  it("type-checks and lints clean", async () => {
    await run(process.execPath, [resolve("node_modules/typescript/bin/tsc"), "--noEmit", "-p", copy]);
    const generated = written.map((file) => file.slice(copy.length + 1));
    await run(process.execPath, [resolve("node_modules/eslint/bin/eslint.js"), "--max-warnings", "0", ...generated], { cwd: copy });
  }, 180_000);

  it("passes its own tests, and the access-control suite picks its procedures up", async () => {
    const { stdout } = await run(
      process.execPath,
      [resolve("node_modules/vitest/vitest.mjs"), "run", "--reporter", "verbose", "test/note-router.test.ts", "test/access-control.test.ts"],
      { cwd: copy, env: { ...process.env, CI: "true" } },
    );
    expect(stdout).toMatch(/note\.create refuses an unauthenticated call/);
    expect(stdout).toMatch(/note\.update: another user's objects are NOT_FOUND/);
    expect(stdout).not.toMatch(/\bfailed\b/);
  }, 180_000);

  it("refuses names that are taken or malformed, writing nothing", () => {
    const before = execFileSync("find", [copy, "-path", `${copy}/node_modules`, "-prune", "-o", "-type", "f", "-print"], { encoding: "utf8" });
    for (const name of ["task", "list", "Bad-Name", "x", "note"]) expect(() => generateRouter(copy, name)).toThrow();
    expect(execFileSync("find", [copy, "-path", `${copy}/node_modules`, "-prune", "-o", "-type", "f", "-print"], { encoding: "utf8" })).toBe(before);
  });
});
