import { TRPCClientError } from "@trpc/client";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { AppRouter } from "@/server/trpc/routers/_app";
import { createTestApp, type TestApp, type TestUser } from "./fixtures/test-app";

type Client = ReturnType<TestApp["client"]>;

/** The tRPC error a promise rejects with: code, HTTP status, message and field errors. */
async function errorOf(promise: Promise<unknown>) {
  try {
    await promise;
  } catch (error) {
    if (!(error instanceof TRPCClientError)) throw error;
    const { data, message } = error as TRPCClientError<AppRouter>;
    return { code: data?.code, status: data?.httpStatus, message, fieldErrors: data?.zodError?.fieldErrors };
  }
  throw new Error("expected the call to fail");
}

describe("task router", () => {
  let app: TestApp;
  let alice: TestUser;
  let bob: TestUser;
  let a: Client;
  let b: Client;

  beforeAll(async () => {
    app = await createTestApp();
    [alice, bob] = await Promise.all([app.signUp({ name: "Alice" }), app.signUp({ name: "Bob" })]);
    a = app.client(alice.token);
    b = app.client(bob.token);
  });
  afterAll(() => app.close());
  beforeEach(async () => {
    await app.db.deleteFrom("task").execute();
  });

  /** Every task row, for asserting that a refused call changed nothing. */
  const snapshot = () => app.db.selectFrom("task").selectAll().orderBy("id").execute();

  describe("create", () => {
    it("stores a trimmed title with defaults and returns the Task", async () => {
      const task = await a.task.create.mutate({ title: "  Buy milk  " });
      expect(task).toEqual({
        id: expect.any(String),
        title: "Buy milk",
        notes: null,
        completed: false,
        priority: "none",
        dueDate: null,
        dueHasTime: false,
        createdAt: expect.any(Date),
        updatedAt: expect.any(Date),
        completedAt: null,
        listId: null,
        subtasks: { done: 0, total: 0 },
        labelIds: [],
        position: expect.stringMatching(/^[0-9A-Za-z]+$/),
        repeat: null,
      });
      expect(task.createdAt.getTime()).toBe(task.updatedAt.getTime());
      const row = await app.db.selectFrom("task").selectAll().where("id", "=", task.id).executeTakeFirstOrThrow();
      expect(row.user_id).toBe(alice.id);
    });

    it("keeps notes, due date and priority", async () => {
      const due = new Date("2030-01-02T03:04:05.000Z");
      const task = await a.task.create.mutate({ title: "Report", notes: "Q4 numbers", dueDate: due, priority: "high" });
      expect(task).toMatchObject({ notes: "Q4 numbers", dueDate: due, priority: "high" });
      expect(await a.task.byId.query({ id: task.id })).toEqual(task);
    });

    it("ignores a user id, an id or timestamps in the input", async () => {
      const input = { title: "Mine", userId: bob.id, id: "chosen", createdAt: new Date(0), completedAt: new Date(0) };
      const task = await a.task.create.mutate(input as { title: string });
      expect(task.id).not.toBe("chosen");
      expect(task.completedAt).toBeNull();
      expect(task.createdAt.getTime()).toBeGreaterThan(0);
      expect((await b.task.list.query()).items).toEqual([]);
    });

    it.each([
      ["an empty title", { title: "" }, "title"],
      ["a blank title", { title: "   " }, "title"],
      ["a title over 500 characters", { title: "x".repeat(501) }, "title"],
      ["notes over 10,000 characters", { title: "ok", notes: "x".repeat(10_001) }, "notes"],
      ["an unknown priority", { title: "ok", priority: "urgent" }, "priority"],
      ["a due date that is not a date", { title: "ok", dueDate: "tomorrow" }, "dueDate"],
      ["a title that is not a string", { title: 42 }, "title"],
    ])("refuses %s with BAD_REQUEST and field errors", async (_, input, field) => {
      const error = await errorOf(a.task.create.mutate(input as { title: string }));
      expect(error).toMatchObject({ code: "BAD_REQUEST", status: 400 });
      expect(error.message).toMatch(/^Invalid input: /);
      expect(error.fieldErrors).toHaveProperty(field);
      expect(await snapshot()).toEqual([]);
    });

    it("accepts a title of exactly 500 characters", async () => {
      expect((await a.task.create.mutate({ title: "x".repeat(500) })).title).toHaveLength(500);
    });
  });

  describe("due times", () => {
    it("keeps whether a time was set; a new due date without one is a day; sorting and counts take both", async () => {
      const user = app.client((await app.signUp()).token);
      const at = new Date("2031-03-04T09:30:00.000Z");
      const timed = await user.task.create.mutate({ title: "Dentist", dueDate: at, dueHasTime: true });
      expect(timed).toMatchObject({ dueDate: at, dueHasTime: true });
      const dayEnd = new Date("2031-03-04T23:59:59.999Z");
      const day = await user.task.create.mutate({ title: "Taxes", dueDate: dayEnd });
      expect(day.dueHasTime).toBe(false);
      // Same day: the timed one first (its instant is earlier), undated last.
      await user.task.create.mutate({ title: "Someday" });
      expect((await user.task.list.query({ sort: "due" })).items.map((t) => t.title)).toEqual(["Dentist", "Taxes", "Someday"]);
      // A due range (the Today view) holds both.
      const inDay = await user.task.list.query({ dueFrom: new Date("2031-03-04T00:00:00.000Z"), dueBefore: new Date("2031-03-05T00:00:00.000Z") });
      expect(inDay.items.map((t) => t.title)).toEqual(["Dentist", "Taxes"]);
      expect((await user.task.update.mutate({ id: timed.id, dueDate: dayEnd })).dueHasTime).toBe(false);
      expect((await user.task.update.mutate({ id: timed.id, dueDate: at, dueHasTime: true })).dueHasTime).toBe(true);
      expect((await user.task.update.mutate({ id: timed.id, dueDate: null, dueHasTime: true })).dueHasTime).toBe(false);
      // A past time is overdue at once, not at the end of its day.
      await user.task.create.mutate({ title: "Missed call", dueDate: new Date(Date.now() - 60_000), dueHasTime: true });
      expect((await user.task.stats.query()).overdue).toBe(1);
    });

    it("refuses dueHasTime without the dueDate it describes, changing nothing", async () => {
      const user = app.client((await app.signUp()).token);
      const task = await user.task.create.mutate({ title: "x" });
      await expect(user.task.update.mutate({ id: task.id, dueHasTime: true })).rejects.toMatchObject({ data: { code: "BAD_REQUEST" } });
      await expect(user.task.create.mutate({ title: "y", dueHasTime: true })).rejects.toMatchObject({ data: { code: "BAD_REQUEST" } });
      expect(await user.task.byId.query({ id: task.id })).toMatchObject({ dueDate: null, dueHasTime: false });
      expect((await user.task.stats.query()).total).toBe(1);
    });
  });

  describe("create with an idempotency key", () => {
    const key = "k3y-0123456789abcdef";
    /** The user's change log, so a repeat is seen to record nothing. */
    const changesOf = (userId: string) => app.db.selectFrom("change_log").select("event").where("user_id", "=", userId).execute();

    it("sent again, returns the task the first one made: one row, one change", async () => {
      const user = await app.signUp();
      const client = app.client(user.token);
      const first = await client.task.create.mutate({ title: "Buy milk", idempotencyKey: key });
      const changes = (await changesOf(user.id)).length;
      // A repeat may differ (a later edit of the queued input): the first one's task is the answer.
      const again = await client.task.create.mutate({ title: "Buy milk!", idempotencyKey: key });
      expect(again).toEqual(first);
      expect((await client.task.list.query({})).items.map((task) => task.title)).toEqual(["Buy milk"]);
      expect(await changesOf(user.id)).toHaveLength(changes);
      // Another key, or none, makes another task.
      await client.task.create.mutate({ title: "Bread", idempotencyKey: `${key}-2` });
      await client.task.create.mutate({ title: "Bread" });
      expect((await client.task.stats.query()).total).toBe(3);
    });

    it("at the same time, makes one task", async () => {
      const client = app.client((await app.signUp()).token);
      const made = await Promise.all(Array.from({ length: 5 }, () => client.task.create.mutate({ title: "Once", idempotencyKey: key })));
      expect(new Set(made.map((task) => task.id)).size).toBe(1);
      expect((await client.task.stats.query()).total).toBe(1);
    });

    it("after the task was deleted, does not bring it back", async () => {
      const client = app.client((await app.signUp()).token);
      const first = await client.task.create.mutate({ title: "Gone", idempotencyKey: key });
      await client.task.delete.mutate({ id: first.id });
      expect((await client.task.create.mutate({ title: "Gone", idempotencyKey: key })).id).toBe(first.id);
      expect((await client.task.stats.query()).total).toBe(0);
      // Its Undo still brings it back, and the key still answers with it.
      await client.task.restore.mutate({ id: first.id });
      expect((await client.task.create.mutate({ title: "Gone", idempotencyKey: key })).id).toBe(first.id);
      expect((await client.task.stats.query()).total).toBe(1);
    });

    it("is per user: another user's same key makes their own task and learns nothing", async () => {
      const [one, two] = await Promise.all([app.signUp(), app.signUp()]);
      const mine = await app.client(one.token).task.create.mutate({ title: "Mine", idempotencyKey: key });
      const theirs = await app.client(two.token).task.create.mutate({ title: "Theirs", idempotencyKey: key });
      expect(theirs.id).not.toBe(mine.id);
      expect(theirs.title).toBe("Theirs");
      expect((await app.client(one.token).task.list.query({})).items.map((task) => task.title)).toEqual(["Mine"]);
    });

    it.each([["too short", "abc"], ["too long", "a".repeat(65)], ["other characters", "key with spaces 0123"]])(
      "%s is BAD_REQUEST and changes nothing",
      async (_, idempotencyKey) => {
        const client = app.client((await app.signUp()).token);
        expect(await errorOf(client.task.create.mutate({ title: "x", idempotencyKey }))).toMatchObject({
          code: "BAD_REQUEST",
          status: 400,
          fieldErrors: { idempotencyKey: ["16 to 64 letters, digits, '_' or '-'"] },
        });
        expect((await client.task.stats.query()).total).toBe(0);
      },
    );
  });

  describe("update", () => {
    it("renames, completes and reopens, tracking completedAt", async () => {
      const task = await a.task.create.mutate({ title: "Draft" });
      const renamed = await a.task.update.mutate({ id: task.id, title: " Final " });
      expect(renamed.title).toBe("Final");
      expect(renamed.updatedAt.getTime()).toBeGreaterThanOrEqual(task.updatedAt.getTime());

      const done = await a.task.update.mutate({ id: task.id, completed: true });
      expect(done.completed).toBe(true);
      expect(done.completedAt).toBeInstanceOf(Date);

      const again = await a.task.update.mutate({ id: task.id, completed: true });
      expect(again.completedAt).toEqual(done.completedAt);

      const reopened = await a.task.update.mutate({ id: task.id, completed: false });
      expect([reopened.completed, reopened.completedAt]).toEqual([false, null]);
    });

    it("sets and clears notes, due date and priority", async () => {
      const task = await a.task.create.mutate({ title: "T", notes: "n", dueDate: new Date("2031-01-01"), priority: "low" });
      const cleared = await a.task.update.mutate({ id: task.id, notes: null, dueDate: null, priority: "none" });
      expect(cleared).toMatchObject({ notes: null, dueDate: null, priority: "none", title: "T" });
    });

    it("with no fields returns the task unchanged", async () => {
      const task = await a.task.create.mutate({ title: "Same" });
      expect(await a.task.update.mutate({ id: task.id })).toEqual(task);
    });

    it("refuses an empty title and changes nothing", async () => {
      const task = await a.task.create.mutate({ title: "Keep" });
      const before = await snapshot();
      expect(await errorOf(a.task.update.mutate({ id: task.id, title: " " }))).toMatchObject({ code: "BAD_REQUEST" });
      expect(await snapshot()).toEqual(before);
    });

    it("of a missing task is NOT_FOUND", async () => {
      expect(await errorOf(a.task.update.mutate({ id: "missing", title: "x" }))).toMatchObject({
        code: "NOT_FOUND",
        status: 404,
        message: "Task not found",
      });
    });
  });

  describe("delete", () => {
    it("removes the task and returns its id", async () => {
      const task = await a.task.create.mutate({ title: "Gone" });
      expect(await a.task.delete.mutate({ id: task.id })).toEqual({ id: task.id });
      expect(await errorOf(a.task.byId.query({ id: task.id }))).toMatchObject({ code: "NOT_FOUND" });
      expect(await errorOf(a.task.delete.mutate({ id: task.id }))).toMatchObject({ code: "NOT_FOUND" });
    });
  });

  describe("restore", () => {
    it("brings a deleted task back with its id, fields and place", async () => {
      const [first, second, third] = await Promise.all(["one", "two", "three"].map((title) => a.task.create.mutate({ title })));
      await a.task.update.mutate({ id: second!.id, completed: true, priority: "high", notes: "n" });
      const before = await a.task.byId.query({ id: second!.id });
      await a.task.delete.mutate({ id: second!.id });
      expect(await a.task.restore.mutate({ id: second!.id })).toEqual(before);
      expect((await a.task.list.query()).items.map((t) => t.id)).toEqual([first!.id, second!.id, third!.id]);
      expect(await a.task.stats.query()).toMatchObject({ total: 3, completed: 1 });
    });

    it("works once: a second restore, or one for a task never deleted, is NOT_FOUND", async () => {
      const task = await a.task.create.mutate({ title: "Once" });
      expect(await errorOf(a.task.restore.mutate({ id: task.id }))).toMatchObject({ code: "NOT_FOUND" });
      await a.task.delete.mutate({ id: task.id });
      await a.task.restore.mutate({ id: task.id });
      expect(await errorOf(a.task.restore.mutate({ id: task.id }))).toMatchObject({ code: "NOT_FOUND" });
      expect((await a.task.list.query()).items).toHaveLength(1);
    });

    it("of another user's deleted task is NOT_FOUND and restores nothing", async () => {
      const task = await a.task.create.mutate({ title: "Alice's" });
      await a.task.delete.mutate({ id: task.id });
      expect(await errorOf(b.task.restore.mutate({ id: task.id }))).toMatchObject({ code: "NOT_FOUND" });
      expect((await b.task.list.query()).items).toEqual([]);
      expect((await a.task.restore.mutate({ id: task.id })).title).toBe("Alice's");
    });
  });

  describe("toggleAll, clearCompleted and stats", () => {
    it("work over all of the user's tasks and report counts", async () => {
      const [t1, , t3] = await Promise.all(["one", "two", "three"].map((title) => a.task.create.mutate({ title })));
      await a.task.update.mutate({ id: t1!.id, completed: true });
      await a.task.create.mutate({ title: "late", dueDate: new Date(Date.now() - 86_400_000) });
      expect(await a.task.stats.query()).toEqual({ total: 4, active: 3, completed: 1, overdue: 1 });

      expect(await a.task.toggleAll.mutate({ completed: true })).toEqual({ count: 3 });
      expect(await a.task.stats.query()).toEqual({ total: 4, active: 0, completed: 4, overdue: 0 });

      expect(await a.task.toggleAll.mutate({ completed: false })).toEqual({ count: 4 });
      await a.task.update.mutate({ id: t3!.id, completed: true });
      expect(await a.task.clearCompleted.mutate()).toEqual({ count: 1 });
      expect(await a.task.stats.query()).toEqual({ total: 3, active: 3, completed: 0, overdue: 1 });
    });

    it("stats are zero for a user with no tasks", async () => {
      expect(await a.task.stats.query()).toEqual({ total: 0, active: 0, completed: 0, overdue: 0 });
    });
  });

  describe("isolation: another user's task behaves exactly like a missing one", () => {
    let alicesTask: { id: string };

    beforeEach(async () => {
      alicesTask = await a.task.create.mutate({ title: "Alice's secret", notes: "private" });
      await a.task.create.mutate({ title: "Alice's done" }).then((t) => a.task.update.mutate({ id: t.id, completed: true }));
    });

    const attempts: [string, (c: Client, id: string) => Promise<unknown>][] = [
      ["byId", (c, id) => c.task.byId.query({ id })],
      ["update", (c, id) => c.task.update.mutate({ id, title: "pwned", completed: true })],
      ["delete", (c, id) => c.task.delete.mutate({ id })],
      ["restore", (c, id) => c.task.restore.mutate({ id })],
    ];

    it.each(attempts)("%s: NOT_FOUND, with the same message as a missing id, and nothing changed", async (_, call) => {
      const before = await snapshot();
      const foreign = await errorOf(call(b, alicesTask.id));
      const missing = await errorOf(call(b, "00000000-0000-7000-8000-000000000000"));
      expect(foreign).toEqual(missing);
      expect(foreign).toMatchObject({ code: "NOT_FOUND", status: 404 });
      expect(await snapshot()).toEqual(before);
    });

    it("list, search and stats never show the other user's tasks", async () => {
      expect((await b.task.list.query()).items).toEqual([]);
      expect((await b.task.list.query({ search: "secret" })).items).toEqual([]);
      expect((await b.task.list.query({ filter: "completed" })).items).toEqual([]);
      expect(await b.task.stats.query()).toEqual({ total: 0, active: 0, completed: 0, overdue: 0 });
      expect((await a.task.list.query()).items.map((t) => t.title)).toEqual(["Alice's secret", "Alice's done"]);
    });

    it("toggleAll and clearCompleted touch only the caller's tasks", async () => {
      const before = await snapshot();
      expect(await b.task.toggleAll.mutate({ completed: true })).toEqual({ count: 0 });
      expect(await b.task.toggleAll.mutate({ completed: false })).toEqual({ count: 0 });
      expect(await b.task.clearCompleted.mutate()).toEqual({ count: 0 });
      expect(await snapshot()).toEqual(before);
    });

    it("works both ways", async () => {
      const bobsTask = await b.task.create.mutate({ title: "Bob's" });
      expect(await errorOf(a.task.byId.query({ id: bobsTask.id }))).toMatchObject({ code: "NOT_FOUND" });
      expect(await errorOf(a.task.delete.mutate({ id: bobsTask.id }))).toMatchObject({ code: "NOT_FOUND" });
      expect((await b.task.byId.query({ id: bobsTask.id })).title).toBe("Bob's");
      expect((await a.task.list.query()).items.map((t) => t.id)).not.toContain(bobsTask.id);
    });
  });

  describe("without a token", () => {
    const anonymous = () => app.client();
    it.each([
      ["user.me", (c: Client) => c.user.me.query()],
      ["task.list", (c: Client) => c.task.list.query()],
      ["task.byId", (c: Client) => c.task.byId.query({ id: "x" })],
      ["task.create", (c: Client) => c.task.create.mutate({ title: "x" })],
      ["task.update", (c: Client) => c.task.update.mutate({ id: "x", title: "y" })],
      ["task.delete", (c: Client) => c.task.delete.mutate({ id: "x" })],
      ["task.restore", (c: Client) => c.task.restore.mutate({ id: "x" })],
      ["task.toggleAll", (c: Client) => c.task.toggleAll.mutate({ completed: true })],
      ["task.clearCompleted", (c: Client) => c.task.clearCompleted.mutate()],
      ["task.stats", (c: Client) => c.task.stats.query()],
    ])("%s is UNAUTHORIZED and changes nothing", async (_, call) => {
      await a.task.create.mutate({ title: "untouched" });
      const before = await snapshot();
      expect(await errorOf(call(anonymous()))).toMatchObject({ code: "UNAUTHORIZED", status: 401 });
      expect(await snapshot()).toEqual(before);
    });
  });

  describe("errors on the wire", () => {
    it("a validation error has a readable message and flattened field errors", async () => {
      const res = await app.fetch("/api/trpc/task.create", {
        method: "POST",
        headers: { authorization: `Bearer ${alice.token}`, "content-type": "application/json" },
        body: JSON.stringify({ json: { title: "" } }),
      });
      expect(res.status).toBe(400);
      expect(await res.json()).toMatchInlineSnapshot(`
        {
          "error": {
            "json": {
              "code": -32600,
              "data": {
                "code": "BAD_REQUEST",
                "httpStatus": 400,
                "path": "task.create",
                "zodError": {
                  "fieldErrors": {
                    "title": [
                      "Title must not be empty",
                    ],
                  },
                  "formErrors": [],
                },
              },
              "message": "Invalid input: title: Title must not be empty",
            },
          },
        }
      `);
    });

    it("malformed JSON is BAD_REQUEST, not a 500", async () => {
      const res = await app.fetch("/api/trpc/task.create", {
        method: "POST",
        headers: { authorization: `Bearer ${alice.token}`, "content-type": "application/json" },
        body: "{not json",
      });
      expect(res.status).toBe(400);
    });

    it("an unknown procedure is NOT_FOUND", async () => {
      const res = await app.fetch("/api/trpc/task.nope", { headers: { authorization: `Bearer ${alice.token}` } });
      expect(res.status).toBe(404);
    });
  });
});
