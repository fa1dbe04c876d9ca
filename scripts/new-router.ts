/**
 * `npm run new:router <name>`: scaffolds a user-owned resource the way docs/extending.md describes,
 * ready to pass typecheck, lint and its tests at once:
 *   db/migrations/NNNN_create_<name>.ts   the table: id, user_id (cascade), title, times; per-user index
 *   db/schema.ts                           its table type, registered in `Database`
 *   src/server/<name>/<name>-repository.ts the queries, every one scoped to one user
 *   src/server/trpc/routers/<name>.ts      all / byId / create / update / delete on protectedProcedure
 *   test/<name>-router.test.ts             behaviour, another user's ids, bad input, no token
 * and registers the router in src/server/trpc/routers/_app.ts. The access-control suite covers the
 * new procedures by itself. Then replace `title` with the fields the resource needs.
 *
 * Options: `--root DIR` (default: this project), for testing the generator on a copy.
 */
import { existsSync, readdirSync, readFileSync, writeFileSync, mkdirSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { parseArgs } from "node:util";

const RESERVED = new Set(["user", "session", "account", "verification", "jwks", "task", "deleted_task", "list", "deleted_list", "sync_cursor", "change_log", "sync"]);

/** Names a resource goes by: `note` -> table `note`, `Note` for types, `noteRouter`... */
function namesOf(name: string) {
  const pascal = name.replace(/(^|_)([a-z0-9])/g, (_, __, c: string) => c.toUpperCase());
  const camel = pascal[0]!.toLowerCase() + pascal.slice(1);
  return { table: name, pascal, camel, folder: name.replace(/_/g, "-") };
}

/** Inserts `text` before the line matching `marker`; fails loudly if the file no longer has it. */
function insertBefore(file: string, marker: RegExp, text: string) {
  const source = readFileSync(file, "utf8");
  const match = marker.exec(source);
  if (!match) throw new Error(`${file}: cannot find where to add the new router (${marker}); add it by hand`);
  writeFileSync(file, source.slice(0, match.index) + text + source.slice(match.index));
}

function write(file: string, text: string) {
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, text);
}

export function generateRouter(root: string, name: string): string[] {
  if (!/^[a-z][a-z0-9_]{1,30}$/.test(name)) throw new Error("The name must be lowercase letters, digits or _ (a singular noun, e.g. note)");
  if (RESERVED.has(name)) throw new Error(`'${name}' is taken`);
  const { table, pascal, camel, folder } = namesOf(name);
  const migrationsDir = join(root, "db/migrations");
  const numbers = readdirSync(migrationsDir).map((f) => Number(/^(\d{4})_/.exec(f)?.[1] ?? 0));
  const migration = `${String(Math.max(0, ...numbers) + 1).padStart(4, "0")}_create_${table}`;
  const files = {
    migration: join(migrationsDir, `${migration}.ts`),
    repository: join(root, `src/server/${folder}/${folder}-repository.ts`),
    router: join(root, `src/server/trpc/routers/${folder}.ts`),
    test: join(root, `test/${folder}-router.test.ts`),
  };
  // All or nothing: check every target before writing the first.
  for (const file of Object.values(files)) if (existsSync(file)) throw new Error(`${file} exists already`);
  if (readdirSync(migrationsDir).some((f) => f.endsWith(`_create_${table}.ts`))) throw new Error(`a migration creating '${table}' exists already`);

  write(
    files.migration,
    `import { type Kysely, type Migration } from "kysely";
import { inTransaction } from "../in-transaction";

/** The \`${table}\` table, owned per user (deleted with the user), indexed for per-user listing. */
export const create${pascal}: Migration = {
  async up(db: Kysely<unknown>) {
    await inTransaction(db, async (trx) => {
      await trx.schema
        .createTable("${table}")
        .addColumn("id", "text", (col) => col.primaryKey())
        .addColumn("user_id", "text", (col) => col.notNull().references("user.id").onDelete("cascade"))
        .addColumn("title", "text", (col) => col.notNull())
        .addColumn("created_at", "text", (col) => col.notNull())
        .addColumn("updated_at", "text", (col) => col.notNull())
        .execute();
      await trx.schema.createIndex("${table}_user_created_idx").on("${table}").columns(["user_id", "created_at", "id"]).execute();
    });
  },
  async down(db: Kysely<unknown>) {
    await db.schema.dropTable("${table}").execute();
  },
};
`,
  );

  write(
    files.repository,
    `import { v7 as uuidv7 } from "uuid";
import type { ${pascal}Row } from "@db/schema";
import type { Db } from "../db";

/** A ${name} as clients see it. */
export interface ${pascal} {
  id: string;
  title: string;
  createdAt: Date;
  updatedAt: Date;
}

const to${pascal} = (row: ${pascal}Row): ${pascal} => ({
  id: row.id,
  title: row.title,
  createdAt: new Date(row.created_at),
  updatedAt: new Date(row.updated_at),
});

/**
 * ${pascal} queries for one user. Every statement is filtered by \`userId\`, so another user's ${name}
 * behaves exactly like a missing one: \`undefined\`, nothing changed.
 */
export function ${camel}Repository(db: Db, userId: string, clock: () => Date = () => new Date()) {
  const own = () => db.selectFrom("${table}").selectAll().where("user_id", "=", userId);
  return {
    /** Every ${name}, oldest first (at most \`limit\`). */
    async all(limit: number): Promise<${pascal}[]> {
      return (await own().orderBy("created_at").orderBy("id").limit(limit).execute()).map(to${pascal});
    },
    async byId(id: string): Promise<${pascal} | undefined> {
      const row = await own().where("id", "=", id).executeTakeFirst();
      return row && to${pascal}(row);
    },
    async create(title: string): Promise<${pascal}> {
      const now = clock().toISOString();
      const row = await db
        .insertInto("${table}")
        .values({ id: uuidv7(), user_id: userId, title, created_at: now, updated_at: now })
        .returningAll()
        .executeTakeFirstOrThrow();
      return to${pascal}(row);
    },
    async update(id: string, title: string): Promise<${pascal} | undefined> {
      const row = await db
        .updateTable("${table}")
        .set({ title, updated_at: clock().toISOString() })
        .where("id", "=", id)
        .where("user_id", "=", userId)
        .returningAll()
        .executeTakeFirst();
      return row && to${pascal}(row);
    },
    async delete(id: string): Promise<boolean> {
      const result = await db.deleteFrom("${table}").where("id", "=", id).where("user_id", "=", userId).executeTakeFirst();
      return result.numDeletedRows > 0n;
    },
  };
}
`,
  );

  write(
    files.router,
    `import { TRPCError } from "@trpc/server";
import { z } from "zod";
import { ${camel}Repository } from "../../${folder}/${folder}-repository";
import { createTRPCRouter, protectedProcedure } from "../init";

/** Every procedure here sees only \`ctx.user\`'s ${name}s: the repository is built for that user alone. */
const ${camel}Procedure = protectedProcedure.use(({ ctx, next }) => next({ ctx: { ${camel}s: ${camel}Repository(ctx.db, ctx.user.id) } }));

// Limits on every field: ids are ours (short), text is bounded.
const id = z.string().min(1).max(64);
const title = z.string().trim().min(1, "Title must not be empty").max(200, "Title must be at most 200 characters");

/** Another user's ${name} and a missing one give the same answer. */
function found<T>(value: T | undefined): T {
  if (value === undefined) throw new TRPCError({ code: "NOT_FOUND", message: "${pascal} not found" });
  return value;
}

/** The signed-in user's ${name}s. */
export const ${camel}Router = createTRPCRouter({
  all: ${camel}Procedure
    .input(z.object({ limit: z.number().int().min(1).max(100).default(100) }).default({ limit: 100 }))
    .query(({ ctx, input }) => ctx.${camel}s.all(input.limit)),
  byId: ${camel}Procedure.input(z.object({ id })).query(async ({ ctx, input }) => found(await ctx.${camel}s.byId(input.id))),
  create: ${camel}Procedure.input(z.object({ title })).mutation(({ ctx, input }) => ctx.${camel}s.create(input.title)),
  update: ${camel}Procedure.input(z.object({ id, title })).mutation(async ({ ctx, input }) => found(await ctx.${camel}s.update(input.id, input.title))),
  delete: ${camel}Procedure.input(z.object({ id })).mutation(async ({ ctx, input }) => {
    if (!(await ctx.${camel}s.delete(input.id))) found(undefined);
    return { id: input.id };
  }),
});
`,
  );

  write(
    files.test,
    `import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, type TestApp, type TestUser } from "./fixtures/test-app";

/** The ${name} router over HTTP, with real users and tokens (test/access-control.test.ts adds the generic checks). */
describe("${name} router", () => {
  let app: TestApp;
  let alice: TestUser;
  let bob: TestUser;
  beforeAll(async () => {
    app = await createTestApp();
    alice = await app.signUp();
    bob = await app.signUp();
  });
  afterAll(() => app.close());

  const codeOf = (promise: Promise<unknown>) => promise.then(() => "OK", (error: { data?: { code: string } }) => error.data?.code);

  it("creates, reads, updates and deletes the caller's ${name}s", async () => {
    const api = app.client(alice.token);
    const created = await api.${camel}.create.mutate({ title: "  First  " });
    expect(created).toEqual({ id: expect.any(String), title: "First", createdAt: expect.any(Date), updatedAt: expect.any(Date) });
    expect(await api.${camel}.byId.query({ id: created.id })).toEqual(created);
    expect(await api.${camel}.update.mutate({ id: created.id, title: "Renamed" })).toMatchObject({ id: created.id, title: "Renamed" });
    expect((await api.${camel}.all.query()).map((item) => item.title)).toEqual(["Renamed"]);
    expect(await api.${camel}.delete.mutate({ id: created.id })).toEqual({ id: created.id });
    expect(await api.${camel}.all.query()).toEqual([]);
  });

  it("another user's ${name} is NOT_FOUND and unchanged", async () => {
    const mine = await app.client(alice.token).${camel}.create.mutate({ title: "Private" });
    const theirs = app.client(bob.token);
    expect(await codeOf(theirs.${camel}.byId.query({ id: mine.id }))).toBe("NOT_FOUND");
    expect(await codeOf(theirs.${camel}.update.mutate({ id: mine.id, title: "Taken" }))).toBe("NOT_FOUND");
    expect(await codeOf(theirs.${camel}.delete.mutate({ id: mine.id }))).toBe("NOT_FOUND");
    expect(await theirs.${camel}.all.query()).toEqual([]);
    expect(await app.client(alice.token).${camel}.byId.query({ id: mine.id })).toEqual(mine);
  });

  it.each([
    ["an empty title", { title: "   " }],
    ["a title over 200 characters", { title: "x".repeat(201) }],
    ["no title", {}],
  ])("refuses %s with BAD_REQUEST, creating nothing", async (_, input) => {
    const api = app.client(alice.token);
    const before = (await api.${camel}.all.query()).length;
    expect(await codeOf(api.${camel}.create.mutate(input as { title: string }))).toBe("BAD_REQUEST");
    expect(await api.${camel}.all.query()).toHaveLength(before);
  });

  it("refuses a call without a token", async () => {
    expect(await codeOf(app.client().${camel}.all.query())).toBe("UNAUTHORIZED");
  });
});
`,
  );

  // The closing brace of `interface Database`, wherever the other table types are.
  insertBefore(join(root, "db/schema.ts"), /(?<=^export interface Database \{[^}]*)^\}$/m, `  ${table}: ${pascal}Table;\n`);
  const schema = join(root, "db/schema.ts");
  writeFileSync(
    schema,
    `${readFileSync(schema, "utf8").trimEnd()}

/** Generated by \`npm run new:router ${name}\`. */
export interface ${pascal}Table {
  id: string;
  user_id: string;
  title: string;
  created_at: ColumnType<string, string, never>;
  updated_at: string;
}
export type ${pascal}Row = Selectable<${pascal}Table>;
`,
  );
  const migrationsIndex = join(migrationsDir, "index.ts");
  insertBefore(migrationsIndex, /^\n\/\*\*\n \* Every app migration/m, `import { create${pascal} } from "./${migration}";\n`);
  insertBefore(migrationsIndex, /^\};\s*$/m, `  "${migration}": create${pascal},\n`);
  const app = join(root, "src/server/trpc/routers/_app.ts");
  insertBefore(app, /^import \{ userRouter \}/m, `import { ${camel}Router } from "./${folder}";\n`);
  insertBefore(app, /^\}\);\n\n\/\*\* The API's type/m, `  ${camel}: ${camel}Router,\n`);

  return [files.migration, schema, files.repository, files.router, join(root, "src/server/trpc/routers/_app.ts"), files.test, migrationsIndex];
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { values, positionals } = parseArgs({ options: { root: { type: "string", default: "." } }, allowPositionals: true });
  const [name] = positionals;
  try {
    if (!name) throw new Error("Usage: npm run new:router <name>   (a singular noun, e.g. note)");
    const written = generateRouter(resolve(values.root!), name);
    console.log(`Created or changed:\n${written.map((f) => `  ${f}`).join("\n")}\nNext: npm run db:migrate, then npx vitest run test/${name.replace(/_/g, "-")}-router.test.ts`);
  } catch (error) {
    console.error(`new:router: ${(error as Error).message}`);
    process.exit(1);
  }
}
