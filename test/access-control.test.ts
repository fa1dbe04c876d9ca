import { randomUUID } from "node:crypto";
import superjson from "superjson";
import { z, type ZodType } from "zod";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { appRouter } from "@/server/trpc/routers/_app";
import { createTestApp, type TestApp, type TestUser } from "./fixtures/test-app";

/**
 * Access-control conformance (OWASP API1 broken object level authorization, API5 function level):
 * walks the root router, so a procedure added later is covered without editing this file.
 * - every procedure not listed in PUBLIC_PROCEDURES refuses an unauthenticated call;
 * - every procedure whose input has an `id` answers NOT_FOUND for another user's objects of every kind (each
 *   router's `create` makes them, `delete` makes a deleted one) and changes none of the victim's rows;
 * - every procedure whose input names another object (`listId`, `taskId`, `afterId`…) gives the same answer
 *   for another user's object as for a missing one (NOT_FOUND, or nothing), and changes none of the victim's rows.
 * A `create` whose input needs another object (`subtask.create` needs a `taskId`) gets one its caller owns,
 * from that router's `create` (`taskId` from `task.create`), which runs first.
 */
const PUBLIC_PROCEDURES: readonly string[] = [];

type Procedure = { _def: { type: "query" | "mutation" | "subscription"; inputs: ZodType[] } };
// At run time `_def.procedures` is flat, keyed by dotted path ("task.update"), whatever its declared type.
const procedures = Object.entries(appRouter._def.procedures as unknown as Record<string, Procedure>);

type JsonSchema = { type?: string | string[]; properties?: Record<string, JsonSchema>; required?: string[]; enum?: unknown[]; anyOf?: JsonSchema[]; minLength?: number; minimum?: number; default?: unknown };

let salt = 0;

/** The smallest value a JSON schema accepts: required fields only, enums' first member, minimum lengths (strings differ, for unique names). */
function sample(schema: JsonSchema): unknown {
  if (schema.anyOf) return sample(schema.anyOf.find((s) => s.type !== "null") ?? schema.anyOf[0]!);
  if (schema.enum) return schema.enum[0];
  const type = Array.isArray(schema.type) ? schema.type[0] : schema.type;
  switch (type) {
    case "object":
      return Object.fromEntries((schema.required ?? []).map((key) => [key, sample(schema.properties?.[key] ?? {})]));
    case "string":
      return `x${(salt += 1)}`.padEnd(schema.minLength ?? 1, "x");
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

const schemas = (procedure: Procedure) => procedure._def.inputs.map((parser) => z.toJSONSchema(parser, { unrepresentable: "any", io: "input" }) as JsonSchema);
const fieldsOf = (procedure: Procedure) => schemas(procedure).flatMap((schema) => Object.keys(schema.properties ?? {}));
const takes = (field: string) => (procedure: Procedure) => fieldsOf(procedure).includes(field);
/** Input fields that name other objects: `listId`, `taskId`, `afterId`, `labelIds`… (`<router>Id` names one of that router's; `…Ids`, several). */
const referenceFields = (procedure: Procedure) => fieldsOf(procedure).filter((field) => /^[a-z]+Ids?$/.test(field));
/** The router a reference field names: `labelIds` -> `label`. */
const namedRouter = (field: string) => field.replace(/Ids?$/, "");
/** A value for reference `field`: the id, or a one-id array for `…Ids`. */
const referenceTo = (field: string, id: string) => (field.endsWith("Ids") ? [id] : id);
const routerOf = (path: string) => path.slice(0, path.lastIndexOf("."));
/** The required reference fields of a procedure's input. */
const requiredReferences = (procedure: Procedure) => schemas(procedure).flatMap((schema) => (schema.required ?? []).filter((field) => /^[a-z]+Id$/.test(field)));
/**
 * Routers that create user-owned objects: every `<router>.create` of the root router, those that need
 * another object (a `taskId`) after the router that makes it.
 */
const creators = procedures
  .filter(([path]) => path.endsWith(".create"))
  .sort(([, a], [, b]) => requiredReferences(a).length - requiredReferences(b).length);

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
    async function call(path: string, procedure: Procedure, input: unknown, token?: string, expectOk = false) {
      const headers: Record<string, string> = token ? { authorization: `Bearer ${token}` } : {};
      const encoded = JSON.stringify(superjson.serialize(input));
      if (procedure._def.type === "subscription") {
        // As httpSubscriptionLink opens one: GET, an event stream. A refusal comes before the stream.
        const res = await app.fetch(`/api/trpc/${path}?input=${encodeURIComponent(encoded)}`, { headers: { ...headers, accept: "text/event-stream" } });
        if (res.headers.get("content-type")?.startsWith("text/event-stream")) {
          await res.body?.cancel();
          return { status: res.status, code: undefined, body: undefined };
        }
        const body = (await res.json()) as { error?: { json: { data: { code: string } } } };
        return { status: res.status, code: body.error?.json.data.code, body: undefined };
      }
      const res =
        procedure._def.type === "query"
          ? await app.fetch(`/api/trpc/${path}?input=${encodeURIComponent(encoded)}`, { headers })
          : await app.fetch(`/api/trpc/${path}`, { method: "POST", headers: { ...headers, "content-type": "application/json" }, body: encoded });
      const body = (await res.json()) as { error?: { json: { data: { code: string } } }; result?: { data: unknown } };
      if (expectOk && !res.ok) throw new Error(`${path} failed: ${JSON.stringify(body)}`);
      return { status: res.status, code: body.error?.json.data.code, body: body.result && superjson.deserialize(body.result.data as never) };
    }

    /** Everything the victim owns (every table with a `user_id`, found by introspection), to compare before and after an attack. */
    const victimRows = async () => {
      const tables = (await app.db.introspection.getTables()).filter((t) => t.columns.some((c) => c.name === "user_id")).map((t) => t.name);
      const rows: Record<string, unknown[]> = {};
      for (const table of tables.sort()) {
        // Sorted here, not by an `id` column: some tables (the change log) have none.
        const found = await app.db.selectFrom(table as "task").selectAll().where("user_id", "=", victim.id).execute();
        rows[table] = found.map((row) => JSON.stringify(row)).sort();
      }
      return rows;
    };

    /** The victim's objects of every kind: made through each router's `create`, plus a deleted one where it has `delete`. */
    const victimIds: string[] = [];
    /** Live objects by router, the victim's and the attacker's: `owned[who].task[0]` is a task `who` owns. */
    const owned: Record<"victim" | "attacker", Record<string, string[]>> = { victim: {}, attacker: {} };
    /** An input for `procedure` whose required references are objects `who` owns. */
    const ownInput = (who: "victim" | "attacker", procedure: Procedure, overrides: Record<string, unknown> = {}) =>
      inputFor(procedure, { ...Object.fromEntries(requiredReferences(procedure).map((field) => [field, owned[who][field.slice(0, -2)]?.[0]])), ...overrides });
    beforeAll(async () => {
      for (const [path, procedure] of creators) {
        const router = routerOf(path);
        for (const keep of [true, false]) {
          const res = await call(path, procedure, ownInput("victim", procedure), victim.token, true);
          const id = (res.body as { id: string }).id;
          victimIds.push(id);
          const remove = procedures.find(([p]) => p === `${router}.delete`)?.[1];
          if (!keep && remove) await call(`${router}.delete`, remove, inputFor(remove, { id }), victim.token);
          else (owned.victim[router] ??= []).push(id);
        }
        const mine = await call(path, procedure, ownInput("attacker", procedure), attacker.token, true);
        (owned.attacker[router] ??= []).push((mine.body as { id: string }).id);
      }
    });

    /** One live object of every kind, made now for the victim (each `create` fed the ones made before it). */
    async function freshVictimIds() {
      const made: Record<string, string> = {};
      for (const [path, procedure] of creators) {
        const references = Object.fromEntries(requiredReferences(procedure).map((field) => [field, made[field.slice(0, -2)]]));
        made[routerOf(path)] = ((await call(path, procedure, inputFor(procedure, references), victim.token, true)).body as { id: string }).id;
      }
      return Object.values(made);
    }

    it.each(procedures.filter(([path]) => !PUBLIC_PROCEDURES.includes(path)))("%s refuses an unauthenticated call", async (path, procedure) => {
      const before = await victimRows();
      for (const token of [undefined, "forged.token.value"]) {
        expect(await call(path, procedure, inputFor(procedure), token)).toEqual({ status: 401, code: "UNAUTHORIZED" });
      }
      expect(await victimRows()).toEqual(before);
    });

    it("finds the procedures and makes the victim's objects (the walk itself works)", () => {
      expect(creators.map(([path]) => path)).toEqual(expect.arrayContaining(["task.create", "list.create"]));
      expect(victimIds.length).toBe(creators.length * 2);
    });

    it.each(procedures.filter(([, procedure]) => takes("id")(procedure)))("%s: another user's objects are NOT_FOUND and stay as they were", async (path, procedure) => {
      const before = await victimRows();
      for (const id of victimIds) {
        expect(await call(path, procedure, ownInput("attacker", procedure, { id }), attacker.token)).toMatchObject({ status: 404, code: "NOT_FOUND" });
      }
      expect(await victimRows()).toEqual(before);
      // The victim's own call with one of the same ids, or of live ones made now (an earlier case may have
      // deleted theirs), finds the object: it succeeds, or is refused for the object's state (skipping an
      // occurrence of a task that does not repeat), never NOT_FOUND for all. The 404s above are about ownership.
      const own = [];
      for (const id of [...victimIds, ...(await freshVictimIds())]) own.push((await call(path, procedure, ownInput("victim", procedure, { id }), victim.token)).status);
      expect(own.some((status) => status === 200 || status === 400)).toBe(true);
    });

    const references = procedures.flatMap(([path, procedure]) => referenceFields(procedure).map((field) => [path, field, procedure] as const));
    it.each(references)("%s: another user's object as %s is like a missing one", async (path, field, procedure) => {
      // The victim's objects of the kind the field names (`listId`: lists), or of every kind (`afterId`).
      const theirs = owned.victim[namedRouter(field)] ?? victimIds;
      // Where the input also has an `id`, it is one of the attacker's own objects of this router, so only `field` is foreign.
      const id = takes("id")(procedure) ? { id: owned.attacker[routerOf(path)]?.[0] ?? "no-such-id" } : {};
      const before = await victimRows();
      const answer = async (value: string) => {
        const { status, code, body } = await call(path, procedure, ownInput("attacker", procedure, { ...id, [field]: referenceTo(field, value) }), attacker.token);
        return { status, code, body };
      };
      // A missing object in the format ids have (`undoId` must be a UUID), asked for first so a call that
      // acts (clearCompleted) has already acted when the answers are compared.
      const missing = async () => answer(randomUUID());
      expect([200, 404]).toContain((await missing()).status);
      // Same answer for the victim's object as for a missing one: NOT_FOUND, or an empty result.
      for (const value of theirs) expect(await answer(value)).toEqual(await missing());
      expect(await victimRows()).toEqual(before);
    });

    it("finds the references to check (the walk itself works)", () => {
      expect(references.map(([path, field]) => `${path} ${field}`)).toEqual(expect.arrayContaining(["task.update listId", "task.list listId", "subtask.create taskId", "task.create labelIds", "task.update labelIds", "task.list labelId"]));
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
