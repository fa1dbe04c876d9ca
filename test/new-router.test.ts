import { execFile, execFileSync } from "node:child_process";
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { generateRouter } from "../scripts/new-router";

const run = promisify(execFile);

/** The number the generator gives the next migration in `root`: one past the highest there now. */
function nextMigrationNumber(root: string): number {
  return Math.max(0, ...readdirSync(join(root, "db/migrations")).map((file) => Number(/^(\d{4})_/.exec(file)?.[1] ?? 0))) + 1;
}

/** A resource name no router in `root` uses yet (a developer may already have generated `note`). */
function freeName(root: string, base: string): string {
  for (let i = 0; ; i += 1) {
    const name = i === 0 ? base : `${base}${i}`;
    if (!existsSync(join(root, `src/server/trpc/routers/${name}.ts`)) && !readdirSync(join(root, "db/migrations")).some((f) => f.endsWith(`_create_${name}.ts`))) return name;
  }
}

/**
 * `npm run new:router` on a copy of this project, twice in a row as developers use it: the generated
 * routers, migrations, table types and tests pass typecheck, lint and their own tests, and the
 * access-control suite covers the new procedures without being edited. Nothing here depends on how many
 * migrations or routers the project has: expectations are computed from the copy.
 */
describe("npm run new:router", () => {
  const copy = mkdtempSync(join(tmpdir(), "tasks-generator-"));
  const generated: { name: string; migration: string; written: string[] }[] = [];

  beforeAll(() => {
    const files = execFileSync("git", ["ls-files", "-z", "--cached", "--others", "--exclude-standard"], { encoding: "utf8" }).split("\0").filter(Boolean);
    for (const file of files) if (!/^node_modules(\/|$)/.test(file) && existsSync(file)) cpSync(file, join(copy, file), { recursive: true });
    symlinkSync(resolve("node_modules"), join(copy, "node_modules"), "dir");
    for (const base of ["note", "gadget"]) {
      const name = freeName(copy, base);
      const migration = `${String(nextMigrationNumber(copy)).padStart(4, "0")}_create_${name}.ts`;
      generated.push({ name, migration, written: generateRouter(copy, name) });
    }
  });
  afterAll(() => rmSync(copy, { recursive: true, force: true }));

  it("writes the migration, table types, repository, router, registration and tests, numbering migrations on", () => {
    const [first, second] = generated as [(typeof generated)[0], (typeof generated)[0]];
    expect(Number(second.migration.slice(0, 4))).toBe(Number(first.migration.slice(0, 4)) + 1);
    for (const { name, migration, written } of generated) {
      expect(written.map((file) => file.slice(copy.length + 1)).sort()).toEqual(
        [
          `db/migrations/${migration}`,
          "db/migrations/index.ts",
          "db/schema.ts",
          `src/server/${name}/${name}-repository.ts`,
          "src/server/trpc/routers/_app.ts",
          `src/server/trpc/routers/${name}.ts`,
          `test/${name}-router.test.ts`,
        ].sort(),
      );
      expect(readFileSync(join(copy, "src/server/trpc/routers/_app.ts"), "utf8")).toContain(`  ${name}: ${name}Router,\n`);
      expect(readFileSync(join(copy, "db/migrations/index.ts"), "utf8")).toContain(`"${migration.slice(0, -3)}": create`);
    }
  });

  it("type-checks and lints clean", async () => {
    await run(process.execPath, [resolve("node_modules/typescript/bin/tsc"), "--noEmit", "-p", copy]);
    const files = generated.flatMap(({ written }) => written.map((file) => file.slice(copy.length + 1)));
    await run(process.execPath, [resolve("node_modules/eslint/bin/eslint.js"), "--max-warnings", "0", ...new Set(files)], { cwd: copy });
  }, 180_000);

  it("passes their own tests, and the access-control suite picks their procedures up", async () => {
    const tests = generated.map(({ name }) => `test/${name}-router.test.ts`);
    const { stdout } = await run(
      process.execPath,
      [resolve("node_modules/vitest/vitest.mjs"), "run", "--reporter", "verbose", ...tests, "test/access-control.test.ts"],
      { cwd: copy, env: { ...process.env, CI: "true" } },
    );
    for (const { name } of generated) {
      expect(stdout).toMatch(new RegExp(`${name}\\.create refuses an unauthenticated call`));
      expect(stdout).toMatch(new RegExp(`${name}\\.update: another user's objects are NOT_FOUND`));
    }
    expect(stdout).not.toMatch(/\bfailed\b/);
  }, 180_000);

  it("refuses names that are taken or malformed, writing nothing", () => {
    const before = execFileSync("find", [copy, "-path", `${copy}/node_modules`, "-prune", "-o", "-type", "f", "-print"], { encoding: "utf8" });
    for (const name of ["task", "list", "Bad-Name", "x", ...generated.map((g) => g.name)]) expect(() => generateRouter(copy, name)).toThrow();
    expect(execFileSync("find", [copy, "-path", `${copy}/node_modules`, "-prune", "-o", "-type", "f", "-print"], { encoding: "utf8" })).toBe(before);
  });
});
