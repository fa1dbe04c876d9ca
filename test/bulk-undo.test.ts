import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { errorCode } from "./fixtures/errors";
import { createTestApp, type TestApp, type TestUser } from "./fixtures/test-app";

/** Undo for the bulk deletes, with the same window and the same guarantees as `task.restore`. */
describe("undoing Clear completed and a list deleted with its tasks", () => {
  let app: TestApp;
  let owner: TestUser;
  let other: TestUser;

  beforeAll(async () => {
    app = await createTestApp({ TASK_UNDO_WINDOW_SECONDS: "60" });
    owner = await app.signUp();
    other = await app.signUp();
  });
  afterAll(() => app.close());

  const api = () => app.client(owner.token);
  const titles = async (input: { listId?: string | null } = {}) => (await api().task.list.query({ ...input, limit: 100 })).items.map((t) => t.title);

  it("Clear completed with an undoId: restoreBatch brings every cleared task back, with its id and place, once", async () => {
    const made = [];
    for (const title of ["c1", "keep", "c2", "c3"]) made.push(await api().task.create.mutate({ title }));
    for (const task of made.filter((t) => t.title !== "keep")) await api().task.update.mutate({ id: task.id, completed: true });
    const undoId = randomUUID();
    expect(await api().task.clearCompleted.mutate({ undoId })).toEqual({ count: 3 });
    expect(await titles()).toEqual(["keep"]);

    // Another user cannot undo it, or learn that it exists.
    expect(await errorCode(app.client(other.token).task.restoreBatch.mutate({ undoId }))).toBe("NOT_FOUND");
    expect(await titles()).toEqual(["keep"]);

    expect(await api().task.restoreBatch.mutate({ undoId })).toEqual({ count: 3 });
    const back = (await api().task.list.query({ limit: 100 })).items;
    expect(back.map((t) => [t.id, t.title, t.completed])).toEqual(made.map((t) => [t.id, t.title, t.title !== "keep"]));
    expect(await errorCode(api().task.restoreBatch.mutate({ undoId }))).toBe("NOT_FOUND");
    await api().task.clearCompleted.mutate();
    for (const t of await api().task.list.query({ limit: 100 }).then((p) => p.items)) await api().task.delete.mutate({ id: t.id });
  });

  it("a list deleted with its tasks comes back with them; another user's list id is NOT_FOUND", async () => {
    const list = await api().list.create.mutate({ name: `Trip ${randomUUID().slice(0, 6)}` });
    for (const title of ["passport", "tickets"]) await api().task.create.mutate({ title, listId: list.id });
    expect(await api().list.delete.mutate({ id: list.id, deleteTasks: true })).toEqual({ id: list.id, tasks: 2 });
    expect(await titles()).toEqual([]);
    expect(await errorCode(app.client(other.token).list.restore.mutate({ id: list.id }))).toBe("NOT_FOUND");

    const restored = await api().list.restore.mutate({ id: list.id });
    expect(restored).toMatchObject({ list: { id: list.id, name: list.name }, tasks: 2 });
    expect(await titles({ listId: list.id })).toEqual(["passport", "tickets"]);
    expect(await errorCode(api().list.restore.mutate({ id: list.id }))).toBe("NOT_FOUND");
    await api().list.delete.mutate({ id: list.id, deleteTasks: true });
  });

  it("a list deleted keeping its tasks comes back empty: its tasks stay in the Inbox, where they went", async () => {
    const list = await api().list.create.mutate({ name: "Errands" });
    await api().task.create.mutate({ title: "milk", listId: list.id });
    await api().list.delete.mutate({ id: list.id, deleteTasks: false });
    expect((await api().list.restore.mutate({ id: list.id })).tasks).toBe(0);
    expect(await titles({ listId: null })).toEqual(["milk"]);
    await api().list.delete.mutate({ id: list.id });
    for (const t of await api().task.list.query({ limit: 100 }).then((p) => p.items)) await api().task.delete.mutate({ id: t.id });
  });

  it("a restore refused for a name taken since changes nothing; a single task deleted with its list comes back to the Inbox", async () => {
    const list = await api().list.create.mutate({ name: "Garden" });
    const seeds = await api().task.create.mutate({ title: "seeds", listId: list.id });
    await api().task.create.mutate({ title: "hose", listId: list.id });
    await api().list.delete.mutate({ id: list.id, deleteTasks: true });
    const clash = await api().list.create.mutate({ name: "garden" });
    expect(await errorCode(api().list.restore.mutate({ id: list.id }))).toBe("CONFLICT");
    expect((await api().list.all.query()).lists.map((l) => l.id)).toEqual([clash.id]);
    expect(await titles()).toEqual([]);
    // task.restore of one of them: its list is gone, so the Inbox.
    const back = await api().task.restore.mutate({ id: seeds.id });
    expect(back).toMatchObject({ id: seeds.id, title: "seeds", listId: null });
    await api().list.delete.mutate({ id: clash.id });
    await api().task.delete.mutate({ id: seeds.id });
  });

  it("past the undo window nothing comes back", async () => {
    await using short = await createTestApp({ TASK_UNDO_WINDOW_SECONDS: "1" });
    const user = await short.signUp();
    const client = short.client(user.token);
    const task = await client.task.create.mutate({ title: "gone" });
    await client.task.update.mutate({ id: task.id, completed: true });
    const undoId = randomUUID();
    await client.task.clearCompleted.mutate({ undoId });
    const list = await client.list.create.mutate({ name: "Old" });
    await client.list.delete.mutate({ id: list.id, deleteTasks: true });
    await new Promise((resolve) => setTimeout(resolve, 1_100));
    expect(await errorCode(client.task.restoreBatch.mutate({ undoId }))).toBe("NOT_FOUND");
    expect(await errorCode(client.list.restore.mutate({ id: list.id }))).toBe("NOT_FOUND");
    expect((await client.task.stats.query()).total).toBe(0);
    expect((await client.list.all.query()).lists).toEqual([]);
  });

  it("an undoId must be a UUID", async () => {
    expect(await errorCode(api().task.clearCompleted.mutate({ undoId: "not-a-uuid" }))).toBe("BAD_REQUEST");
  });
});
