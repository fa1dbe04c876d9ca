import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, type TestApp, type TestUser } from "./fixtures/test-app";
import { sseReader } from "./fixtures/sse";

/** Subtasks (a task's checklist) over HTTP through the typed client; test/access-control.test.ts covers other users' ids. */
describe("subtask router", () => {
  let app: TestApp;
  let user: TestUser;
  let api: ReturnType<TestApp["client"]>;
  beforeAll(async () => {
    app = await createTestApp({ SUBTASKS_PER_TASK_MAX: "4", TASK_UNDO_WINDOW_SECONDS: "60" });
    user = await app.signUp();
    api = app.client(user.token);
  });
  afterAll(() => app.close());

  const codeOf = (promise: Promise<unknown>) => promise.then(() => "OK", (error: { data?: { code: string } }) => error.data?.code);
  const titles = async (taskId: string) => (await api.subtask.list.query({ taskId })).map((s) => `${s.completed ? "x" : " "} ${s.title}`);
  const counts = async (taskId: string) => (await api.task.byId.query({ id: taskId })).subtasks;

  it("adds items at the end, ticks and renames them, and the task carries the counts", async () => {
    const task = await api.task.create.mutate({ title: "Pack" });
    expect(task.subtasks).toEqual({ done: 0, total: 0 });
    const socks = await api.subtask.create.mutate({ taskId: task.id, title: "  Socks  " });
    expect(socks).toEqual({ id: expect.any(String), taskId: task.id, title: "Socks", completed: false, createdAt: expect.any(Date), updatedAt: expect.any(Date) });
    await api.subtask.create.mutate({ taskId: task.id, title: "Charger" });
    const tent = await api.subtask.create.mutate({ taskId: task.id, title: "Tent" });
    expect(await api.subtask.update.mutate({ id: socks.id, completed: true })).toMatchObject({ id: socks.id, completed: true });
    await api.subtask.update.mutate({ id: tent.id, title: "Tent and pegs" });
    expect(await titles(task.id)).toEqual(["x Socks", "  Charger", "  Tent and pegs"]);
    expect(await counts(task.id)).toEqual({ done: 1, total: 3 });
    // task.list carries them too (the row's "1/3").
    expect((await api.task.list.query()).items.find((t) => t.id === task.id)?.subtasks).toEqual({ done: 1, total: 3 });
  });

  it("moves an item with one write, first or after another, and deletes one", async () => {
    const task = await api.task.create.mutate({ title: "Steps" });
    const made = [];
    for (const title of ["a", "b", "c", "d"]) made.push(await api.subtask.create.mutate({ taskId: task.id, title }));
    await api.subtask.move.mutate({ id: made[3]!.id }); // first
    expect(await titles(task.id)).toEqual(["  d", "  a", "  b", "  c"]);
    await api.subtask.move.mutate({ id: made[0]!.id, afterId: made[2]!.id });
    expect(await titles(task.id)).toEqual(["  d", "  b", "  c", "  a"]);
    await api.subtask.move.mutate({ id: made[3]!.id, afterId: made[1]!.id }); // between b and c
    expect(await titles(task.id)).toEqual(["  b", "  d", "  c", "  a"]);
    // Each move rewrote only the moved row's position.
    const positions = await app.db.selectFrom("subtask").select(["id", "position"]).where("task_id", "=", task.id).execute();
    expect(new Set(positions.map((p) => p.position)).size).toBe(4);
    expect(await api.subtask.delete.mutate({ id: made[1]!.id })).toEqual({ id: made[1]!.id, taskId: task.id });
    expect(await titles(task.id)).toEqual(["  d", "  c", "  a"]);
    expect(await counts(task.id)).toEqual({ done: 0, total: 3 });
    // Moving after an item of another checklist, or after itself, is NOT_FOUND and moves nothing.
    const other = await api.task.create.mutate({ title: "Other" });
    const elsewhere = await api.subtask.create.mutate({ taskId: other.id, title: "elsewhere" });
    expect(await codeOf(api.subtask.move.mutate({ id: made[0]!.id, afterId: elsewhere.id }))).toBe("NOT_FOUND");
    expect(await codeOf(api.subtask.move.mutate({ id: made[0]!.id, afterId: made[0]!.id }))).toBe("NOT_FOUND");
    expect(await titles(task.id)).toEqual(["  d", "  c", "  a"]);
  });

  it("refuses more than SUBTASKS_PER_TASK_MAX with FORBIDDEN, and bad input with BAD_REQUEST, changing nothing", async () => {
    const task = await api.task.create.mutate({ title: "Full" });
    for (const title of ["1", "2", "3", "4"]) await api.subtask.create.mutate({ taskId: task.id, title });
    await expect(api.subtask.create.mutate({ taskId: task.id, title: "5" })).rejects.toMatchObject({
      data: { code: "FORBIDDEN" },
      message: "A task can have at most 4 subtasks",
    });
    const [first] = await api.subtask.list.query({ taskId: task.id });
    for (const bad of [
      () => api.subtask.create.mutate({ taskId: task.id, title: "   " }),
      () => api.subtask.create.mutate({ taskId: task.id, title: "x".repeat(501) }),
      () => api.subtask.create.mutate({ taskId: task.id, title: "bell\u0007" }),
      () => api.subtask.update.mutate({ id: first!.id, title: "" }),
      () => api.subtask.update.mutate({ id: "x".repeat(65) }),
      () => api.subtask.list.query({ taskId: "" }),
    ]) {
      expect(await codeOf(bad())).toBe("BAD_REQUEST");
    }
    expect(await titles(task.id)).toEqual(["  1", "  2", "  3", "  4"]);
    expect(await codeOf(api.subtask.list.query({ taskId: "no-such-task" }))).toBe("NOT_FOUND");
    expect(await codeOf(api.subtask.create.mutate({ taskId: "no-such-task", title: "x" }))).toBe("NOT_FOUND");
  });

  it("a deleted task's checklist is gone with it and comes back with it; after the undo window it is gone for good", async () => {
    const task = await api.task.create.mutate({ title: "Trip" });
    const item = await api.subtask.create.mutate({ taskId: task.id, title: "Tickets" });
    await api.subtask.update.mutate({ id: item.id, completed: true });
    await api.task.delete.mutate({ id: task.id });
    expect(await codeOf(api.subtask.list.query({ taskId: task.id }))).toBe("NOT_FOUND");
    expect(await codeOf(api.subtask.update.mutate({ id: item.id, completed: false }))).toBe("NOT_FOUND");
    expect(await codeOf(api.subtask.create.mutate({ taskId: task.id, title: "More" }))).toBe("NOT_FOUND");
    const back = await api.task.restore.mutate({ id: task.id });
    expect(back.subtasks).toEqual({ done: 1, total: 1 });
    expect(await titles(task.id)).toEqual(["x Tickets"]);

    await using short = await createTestApp({ TASK_UNDO_WINDOW_SECONDS: "1" });
    const other = short.client((await short.signUp()).token);
    const gone = await other.task.create.mutate({ title: "Gone" });
    await other.subtask.create.mutate({ taskId: gone.id, title: "with it" });
    await other.task.delete.mutate({ id: gone.id });
    await new Promise((resolve) => setTimeout(resolve, 1_100));
    await other.task.delete.mutate({ id: (await other.task.create.mutate({ title: "prunes" })).id });
    expect(await short.db.selectFrom("subtask").select("id").where("task_id", "=", gone.id).execute()).toEqual([]);
  });

  it("each change streams its task's new counts (task.upserted), to the owner only", async () => {
    const task = await api.task.create.mutate({ title: "Streamed" });
    const res = await app.fetch(`/api/trpc/sync.changes?input=${encodeURIComponent(JSON.stringify({ json: {} }))}`, {
      headers: { accept: "text/event-stream", authorization: `Bearer ${user.token}` },
    });
    const events = sseReader(res);
    const item = await api.subtask.create.mutate({ taskId: task.id, title: "one" });
    expect(await events.next()).toMatchObject({ data: { type: "task.upserted", task: { id: task.id, subtasks: { done: 0, total: 1 } } } });
    await api.subtask.update.mutate({ id: item.id, completed: true });
    expect(await events.next()).toMatchObject({ data: { type: "task.upserted", task: { id: task.id, subtasks: { done: 1, total: 1 } } } });
    await api.subtask.delete.mutate({ id: item.id });
    expect(await events.next()).toMatchObject({ data: { type: "task.upserted", task: { id: task.id, subtasks: { done: 0, total: 0 } } } });
    await events.close();
  });

  it("concurrent adds to one checklist keep exact counts and distinct places", async () => {
    const task = await api.task.create.mutate({ title: "Race" });
    const results = await Promise.allSettled(["p", "q", "r", "s", "t", "u"].map((title) => api.subtask.create.mutate({ taskId: task.id, title })));
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(4);
    const items = await api.subtask.list.query({ taskId: task.id });
    expect(items).toHaveLength(4);
    expect(await counts(task.id)).toEqual({ done: 0, total: 4 });
    const positions = await app.db.selectFrom("subtask").select("position").where("task_id", "=", task.id).execute();
    expect(new Set(positions.map((p) => p.position)).size).toBe(4);
  });
});
