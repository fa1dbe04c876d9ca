import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addTaskPosition } from "@db/migrations/0010_add_task_position";
import { createTestApp, type TestApp } from "./fixtures/test-app";
import { errorCode } from "./fixtures/errors";
import { sseReader } from "./fixtures/sse";
import { onPostgres } from "./fixtures/database";
import { sql } from "kysely";

/** "My order": `sort: "manual"` and `task.move`. */
describe("task.move and My order", () => {
  let app: TestApp;
  let user: Awaited<ReturnType<TestApp["signUp"]>>;
  let api: ReturnType<TestApp["client"]>;

  beforeAll(async () => {
    app = await createTestApp();
    user = await app.signUp();
    api = app.client(user.token);
  });
  afterAll(() => app.close());

  /** A fresh user with tasks titled `titles`, made in that order. */
  async function userWith(...titles: string[]) {
    const { token } = await app.signUp();
    const client = app.client(token);
    const made = [];
    for (const title of titles) made.push(await client.task.create.mutate({ title }));
    return { client, made, token };
  }

  /** Every task in My order, walking pages of `limit`. */
  async function order(client: typeof api, limit = 100, input: { listId?: string | null; filter?: "active" | "completed" } = {}) {
    const titles: string[] = [];
    let cursor: string | null = null;
    do {
      const page: Awaited<ReturnType<typeof api.task.list.query>> = await client.task.list.query({ sort: "manual", limit, cursor, ...input });
      titles.push(...page.items.map((task) => task.title));
      cursor = page.nextCursor;
    } while (cursor);
    return titles;
  }

  const positions = async (userId: string) =>
    new Map((await app.db.selectFrom("task").select(["id", "position"]).where("user_id", "=", userId).execute()).map((row) => [row.id, row.position]));

  it("puts new tasks last, so My order starts as creation order", async () => {
    const { client, made } = await userWith("a", "b", "c");
    expect(await order(client)).toEqual(["a", "b", "c"]);
    expect(made[0]!.position < made[1]!.position && made[1]!.position < made[2]!.position).toBe(true);
  });

  it("moves a task after another, or first, writing that one row only", async () => {
    const { client, made } = await userWith("a", "b", "c", "d");
    const [a, b, c, d] = made as [typeof made[0], typeof made[0], typeof made[0], typeof made[0]];
    const owner = (await client.user.me.query()).id;
    const before = await positions(owner);

    const moved = await client.task.move.mutate({ id: a.id, afterId: c.id });
    expect(await order(client)).toEqual(["b", "c", "a", "d"]);
    expect(moved).toMatchObject({ id: a.id, title: "a" });
    expect(moved.position > c.position && moved.position < d.position).toBe(true);
    const after = await positions(owner);
    expect([...after].filter(([id, position]) => before.get(id) !== position).map(([id]) => id)).toEqual([a.id]);

    await client.task.move.mutate({ id: d.id, afterId: null });
    expect(await order(client)).toEqual(["d", "b", "c", "a"]);
    await client.task.move.mutate({ id: b.id }); // afterId omitted: first too
    expect(await order(client)).toEqual(["b", "d", "c", "a"]);
    await client.task.move.mutate({ id: b.id, afterId: a.id }); // to the end
    expect(await order(client)).toEqual(["d", "c", "a", "b"]);
    // The task's other fields stay as they were.
    expect(await client.task.byId.query({ id: b.id })).toMatchObject({ title: "b", completed: false, listId: null, createdAt: b.createdAt });
  });

  it("pages by keyset in My order, with filters and lists, after many moves into one gap", async () => {
    const { client, made } = await userWith(...Array.from({ length: 12 }, (_, i) => `t${String(i).padStart(2, "0")}`));
    // Each move lands right after t00: keys between two ever closer neighbours.
    for (const task of made.slice(1).reverse()) await client.task.move.mutate({ id: task.id, afterId: made[0]!.id });
    const expected = made.map((task) => task.title);
    expect(await order(client, 5)).toEqual(expected);
    expect(await order(client, 1)).toEqual(expected);
    for (const task of made.slice(2, 11)) await client.task.move.mutate({ id: task.id, afterId: made[1]!.id });
    expect(await order(client, 3)).toEqual(["t00", "t01", "t10", "t09", "t08", "t07", "t06", "t05", "t04", "t03", "t02", "t11"]);

    const list = await client.list.create.mutate({ name: "Some" });
    for (const i of [9, 3]) await client.task.update.mutate({ id: made[i]!.id, listId: list.id, completed: true });
    expect(await order(client, 1, { listId: list.id })).toEqual(["t09", "t03"]);
    expect(await order(client, 2, { filter: "completed" })).toEqual(["t09", "t03"]);
    expect(await order(client, 2, { listId: null, filter: "active" })).toHaveLength(10);
    // A cursor from My order is not one of another sort's.
    const { nextCursor } = await client.task.list.query({ sort: "manual", limit: 2 });
    expect(await errorCode(client.task.list.query({ sort: "created", cursor: nextCursor }))).toBe("BAD_REQUEST");
  });

  it("stays a total order under concurrent moves from two tabs: every task once, no two in one place", async () => {
    const { client, made, token } = await userWith("a", "b", "c", "d", "e", "f");
    const owner = (await client.user.me.query()).id;
    const second = app.client(token); // another tab of the same user
    // Both tabs move tasks into the same gap (after "a") at the same moment.
    await Promise.all([
      ...["b", "c", "d"].map((title) => client.task.move.mutate({ id: made.find((t) => t.title === title)!.id, afterId: made[0]!.id })),
      ...["e", "f"].map((title) => second.task.move.mutate({ id: made.find((t) => t.title === title)!.id, afterId: made[0]!.id })),
    ]);
    const titles = await order(client, 2);
    expect(titles[0]).toBe("a");
    expect([...titles].sort()).toEqual(["a", "b", "c", "d", "e", "f"]);
    const keys = [...(await positions(owner)).values()];
    expect(new Set(keys).size).toBe(keys.length);
    expect(await order(second)).toEqual(titles);
  });

  it("streams the moved task (task.upserted) to the owner's other clients", async () => {
    const { client, made, token } = await userWith("x", "y");
    const res = await app.fetch(`/api/trpc/sync.changes?input=${encodeURIComponent(JSON.stringify({ json: {} }))}`, {
      headers: { accept: "text/event-stream", authorization: `Bearer ${token}` },
    });
    const events = sseReader(res);
    const moved = await client.task.move.mutate({ id: made[1]!.id });
    expect(await events.next()).toMatchObject({ data: { type: "task.upserted", task: { id: moved.id, position: moved.position } } });
    await events.close();
  });

  it("a restored task comes back to its place", async () => {
    const { client, made } = await userWith("a", "b", "c");
    await client.task.delete.mutate({ id: made[1]!.id });
    await client.task.create.mutate({ title: "d" });
    await client.task.restore.mutate({ id: made[1]!.id });
    expect(await order(client)).toEqual(["a", "b", "c", "d"]);
  });

  it("is NOT_FOUND for another user's task or a missing one, on either side, and changes nothing", async () => {
    const mine = await api.task.create.mutate({ title: "mine" });
    const { client: other, made } = await userWith("theirs", "also theirs");
    const before = await positions(user.id);
    for (const input of [
      { id: made[0]!.id },
      { id: made[0]!.id, afterId: mine.id },
      { id: mine.id, afterId: made[0]!.id },
      { id: mine.id, afterId: mine.id },
      { id: "no-such-task" },
      { id: mine.id, afterId: "no-such-task" },
    ]) {
      expect(await errorCode(api.task.move.mutate(input))).toBe("NOT_FOUND");
    }
    expect(await positions(user.id)).toEqual(before);
    expect(await order(other)).toEqual(["theirs", "also theirs"]);
  });

  it("refuses malformed input with BAD_REQUEST", async () => {
    const mine = await api.task.create.mutate({ title: "mine too" });
    for (const input of [{ id: "" }, { id: "x".repeat(65) }, { id: mine.id, afterId: "" }, { id: mine.id, afterId: 7 as unknown as string }]) {
      expect(await errorCode(api.task.move.mutate(input))).toBe("BAD_REQUEST");
    }
  });

  it("an import keeps the file's My order (its positions) after the user's own tasks, and its creation order", async () => {
    const { client } = await userWith("mine");
    // As an export writes them: creation order, each with its place in the exporting account's My order.
    await client.task.import.mutate({
      tasks: [
        { title: "first made", position: "a2" },
        { title: "second made", position: "Zz" },
        { title: "no position" },
        { title: "third made", position: "a1V" },
      ],
    });
    expect(await order(client)).toEqual(["mine", "second made", "third made", "first made", "no position"]);
    expect((await client.task.list.query()).items.map((task) => task.title)).toEqual(["mine", "first made", "second made", "no position", "third made"]);
    expect(await errorCode(client.task.import.mutate({ tasks: [{ title: "x", position: "p".repeat(1001) }] }))).toBe("BAD_REQUEST");
  });

  it.runIf(onPostgres)("orders positions as bytes on PostgreSQL whatever the database's collation (the column is C)", async () => {
    const { rows } = await sql<{ collation_name: string }>`select collation_name from information_schema.columns where table_schema = current_schema() and table_name in ('task', 'deleted_task') and column_name = 'position'`.execute(app.db);
    expect(rows.map((row) => row.collation_name)).toEqual(["C", "C"]);
  });

  it("the migration gives existing tasks (and deleted ones) places in creation order", async () => {
    await using own = await createTestApp();
    const someone = await own.signUp();
    const client = own.client(someone.token);
    const made = [];
    for (const title of ["one", "two", "three", "four"]) made.push(await client.task.create.mutate({ title }));
    await client.task.move.mutate({ id: made[3]!.id });
    await client.task.delete.mutate({ id: made[1]!.id });
    // Back to before the migration, and forward again: the backfill runs on the rows as they are.
    await addTaskPosition.down!(own.db as never);
    await addTaskPosition.up(own.db as never);
    const titles = (await client.task.list.query({ sort: "manual" })).items.map((task) => task.title);
    expect(titles).toEqual(["one", "three", "four"]);
    await client.task.restore.mutate({ id: made[1]!.id });
    await client.task.create.mutate({ title: "five" });
    expect((await client.task.list.query({ sort: "manual" })).items.map((task) => task.title)).toEqual(["one", "two", "three", "four", "five"]);
  });
});
