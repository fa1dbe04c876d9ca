import superjson from "superjson";
import { z, type ZodType } from "zod";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { appRouter } from "@/server/trpc/routers/_app";
import { createTestApp, type TestApp, type TestUser } from "./fixtures/test-app";

/**
 * Access-control conformance (OWASP API1 broken object level authorization, API5 function level):
 * walks the root router, so a procedure added later is covered without editing this file.
 * - every procedure not listed in PUBLIC_PROCEDURES refuses an unauthenticated call;
 * - every procedure whose input has an `id` answers NOT_FOUND for another user's task and changes nothing.
 */
const PUBLIC_PROCEDURES: readonly string[] = [];

type Procedure = { _def: { type: "query" | "mutation" | "subscription"; inputs: ZodType[] } };
// At run time `_def.procedures` is flat, keyed by dotted path ("task.update"), whatever its declared type.
const procedures = Object.entries(appRouter._def.procedures as unknown as Record<string, Procedure>);

type JsonSchema = { type?: string | string[]; properties?: Record<string, JsonSchema>; required?: string[]; enum?: unknown[]; anyOf?: JsonSchema[]; minLength?: number; minimum?: number; default?: unknown };

/** The smallest value a JSON schema accepts: required fields only, enums' first member, minimum lengths. */
function sample(schema: JsonSchema): unknown {
  if (schema.anyOf) return sample(schema.anyOf.find((s) => s.type !== "null") ?? schema.anyOf[0]!);
  if (schema.enum) return schema.enum[0];
  const type = Array.isArray(schema.type) ? schema.type[0] : schema.type;
  switch (type) {
    case "object":
      return Object.fromEntries((schema.required ?? []).map((key) => [key, sample(schema.properties?.[key] ?? {})]));
    case "string":
      return "x".repeat(Math.max(1, schema.minLength ?? 1));
    case "number":
    case "integer":
      return schema.minimum ?? 1;
    case "boolean":
      return false;
    case "array":
      return [];
    default:
      return undefined;
  }
}

/** A valid input for `procedure` (merged over all its `.input()` parsers), with `overrides` on top. */
function inputFor(procedure: Procedure, overrides: Record<string, unknown> = {}): unknown {
  const base = procedure._def.inputs
    .map((parser) => sample(z.toJSONSchema(parser, { unrepresentable: "any", io: "input" }) as JsonSchema))
    .reduce<Record<string, unknown> | undefined>((all, part) => (part && typeof part === "object" ? { ...all, ...part } : all), undefined);
  return base || Object.keys(overrides).length > 0 ? { ...base, ...overrides } : undefined;
}

const takesId = (procedure: Procedure) =>
  procedure._def.inputs.some((parser) => "id" in ((z.toJSONSchema(parser, { unrepresentable: "any", io: "input" }) as JsonSchema).properties ?? {}));

describe("access control", () => {
  let app: TestApp;
  let attacker: TestUser;
  let victim: TestUser;

  beforeAll(async () => {
    app = await createTestApp();
    attacker = await app.signUp();
    victim = await app.signUp();
  });
  afterAll(() => app.close());

  describe("conformance (every procedure of the root router)", () => {
    /** Calls `path` over HTTP as tRPC clients do; resolves the status and the error code, if any. */
    async function call(path: string, procedure: Procedure, input: unknown, token?: string) {
      const headers: Record<string, string> = token ? { authorization: `Bearer ${token}` } : {};
      const encoded = JSON.stringify(superjson.serialize(input));
      const res =
        procedure._def.type === "query"
          ? await app.fetch(`/api/trpc/${path}?input=${encodeURIComponent(encoded)}`, { headers })
          : await app.fetch(`/api/trpc/${path}`, { method: "POST", headers: { ...headers, "content-type": "application/json" }, body: encoded });
      const body = (await res.json()) as { error?: { json: { data: { code: string } } } };
      return { status: res.status, code: body.error?.json.data.code };
    }

    /** Everything the victim owns, to compare before and after an attack. */
    const victimRows = async () => ({
      tasks: await app.db.selectFrom("task").selectAll().where("user_id", "=", victim.id).orderBy("id").execute(),
      deleted: await app.db.selectFrom("deleted_task").selectAll().where("user_id", "=", victim.id).orderBy("id").execute(),
    });

    it("finds the procedures (the walk itself works)", () => {
      expect(procedures.map(([path]) => path)).toEqual(expect.arrayContaining(["user.me", "task.list", "task.update", "task.delete", "task.restore"]));
    });

    it.each(procedures.filter(([path]) => !PUBLIC_PROCEDURES.includes(path)))("%s refuses an unauthenticated call", async (path, procedure) => {
      const before = await victimRows();
      for (const token of [undefined, "forged.token.value"]) {
        expect(await call(path, procedure, inputFor(procedure), token)).toEqual({ status: 401, code: "UNAUTHORIZED" });
      }
      expect(await victimRows()).toEqual(before);
    });

    it.each(procedures.filter(([, procedure]) => takesId(procedure)))("%s: another user's task is NOT_FOUND and stays as it was", async (path, procedure) => {
      const victimApi = app.client(victim.token);
      const live = await victimApi.task.create.mutate({ title: "Victim's live task", notes: "private" });
      const deleted = await victimApi.task.create.mutate({ title: "Victim's deleted task" });
      await victimApi.task.delete.mutate({ id: deleted.id });
      const before = await victimRows();

      for (const id of [live.id, deleted.id]) {
        expect(await call(path, procedure, inputFor(procedure, { id }), attacker.token)).toEqual({ status: 404, code: "NOT_FOUND" });
      }
      expect(await victimRows()).toEqual(before);
      // The victim's own call with one of the same ids succeeds: the 404s above are about ownership, not the input.
      const own = [];
      for (const id of [live.id, deleted.id]) own.push((await call(path, procedure, inputFor(procedure, { id }), victim.token)).status);
      expect(own).toContain(200);
    });
  });

  describe("mass assignment: inputs cannot set ownership or server-managed fields", () => {
    /** Fields a client must not be able to set (the id is added where the input has none of its own). */
    const smuggled = (victimId: string) => ({
      userId: victimId,
      user_id: victimId,
      createdAt: new Date("2000-01-01"),
      created_at: "2000-01-01T00:00:00.000Z",
      updatedAt: new Date("2000-01-01"),
      completedAt: new Date("2000-01-01"),
      completed_at: "2000-01-01T00:00:00.000Z",
      deleted_at: "2000-01-01T00:00:00.000Z",
      isAdmin: true,
    });

    it("task.create: the task is the caller's, with a server id and server times", async () => {
      const started = Date.now();
      const victimTasks = await app.db.selectFrom("task").select("id").where("user_id", "=", victim.id).execute();
      const task = await app.client(attacker.token).task.create.mutate({ title: "Mine", id: "0000-chosen-id", ...smuggled(victim.id) } as { title: string });
      expect(task.id).not.toBe("0000-chosen-id");
      expect(task.createdAt.getTime()).toBeGreaterThanOrEqual(started - 1000);
      expect(task.completedAt).toBeNull();
      const row = await app.db.selectFrom("task").selectAll().where("id", "=", task.id).executeTakeFirstOrThrow();
      expect(row.user_id).toBe(attacker.id);
      expect(await app.db.selectFrom("task").select("id").where("user_id", "=", victim.id).execute()).toEqual(victimTasks);
    });

    it("task.update: ownership, creation time and completion time stay the server's", async () => {
      const api = app.client(attacker.token);
      const task = await api.task.create.mutate({ title: "Mine" });
      const updated = await api.task.update.mutate({ id: task.id, title: "Still mine", ...smuggled(victim.id) } as { id: string; title: string });
      expect(updated).toMatchObject({ id: task.id, title: "Still mine", createdAt: task.createdAt, completedAt: null });
      const row = await app.db.selectFrom("task").selectAll().where("id", "=", task.id).executeTakeFirstOrThrow();
      expect(row.user_id).toBe(attacker.id);
    });

    it("task.toggleAll and task.clearCompleted act on the caller's tasks only", async () => {
      const victimTask = await app.client(victim.token).task.create.mutate({ title: "Victim's" });
      const api = app.client(attacker.token);
      await api.task.toggleAll.mutate({ completed: true, userId: victim.id } as { completed: boolean });
      await api.task.clearCompleted.mutate({ userId: victim.id } as unknown as void);
      expect(await app.client(victim.token).task.byId.query({ id: victimTask.id })).toMatchObject({ completed: false });
    });
  });
});
