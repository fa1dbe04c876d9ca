import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, type TestApp, type TestUser } from "./fixtures/test-app";

/** Task lists (projects) over HTTP through the typed client; test/access-control.test.ts covers other users' ids. */
describe("list router", () => {
  let app: TestApp;
  let user: TestUser;
  let api: ReturnType<TestApp["client"]>;
  beforeAll(async () => {
    app = await createTestApp({ LIST_QUOTA_PER_USER: "5" });
    user = await app.signUp();
    api = app.client(user.token);
  });
  afterAll(() => app.close());

  const codeOf = (promise: Promise<unknown>) => promise.then(() => "OK", (error: { data?: { code: string } }) => error.data?.code);

  it("creates, renames and lists lists with counts, oldest first, the Inbox apart", async () => {
    const work = await api.list.create.mutate({ name: "  Work  " });
    expect(work).toEqual({ id: expect.any(String), name: "Work", createdAt: expect.any(Date), updatedAt: expect.any(Date) });
    const home = await api.list.create.mutate({ name: "Home" });
    await api.task.create.mutate({ title: "Report", listId: work.id });
    const done = await api.task.create.mutate({ title: "Slides", listId: work.id });
    await api.task.update.mutate({ id: done.id, completed: true });
    await api.task.create.mutate({ title: "Loose end" });

    expect(await api.list.rename.mutate({ id: home.id, name: "House" })).toMatchObject({ id: home.id, name: "House" });
    expect(await api.list.all.query()).toEqual({
      inbox: { active: 1, total: 1 },
      lists: [
        { ...work, active: 1, total: 2 },
        { id: home.id, name: "House", createdAt: home.createdAt, updatedAt: expect.any(Date), active: 0, total: 0 },
      ],
    });
  });

  it("refuses a taken name (ignoring case) with CONFLICT, and bad names with BAD_REQUEST", async () => {
    const list = await api.list.create.mutate({ name: "Errands" });
    expect(await codeOf(api.list.create.mutate({ name: "errands" }))).toBe("CONFLICT");
    const other = await api.list.create.mutate({ name: "Other" });
    expect(await codeOf(api.list.rename.mutate({ id: other.id, name: "ERRANDS" }))).toBe("CONFLICT");
    expect(await codeOf(api.list.create.mutate({ name: "   " }))).toBe("BAD_REQUEST");
    expect(await codeOf(api.list.create.mutate({ name: "x".repeat(101) }))).toBe("BAD_REQUEST");
    expect(await codeOf(api.list.rename.mutate({ id: list.id, name: "" }))).toBe("BAD_REQUEST");
    // Another user may use the same name.
    const stranger = await app.signUp();
    await expect(app.client(stranger.token).list.create.mutate({ name: "Errands" })).resolves.toMatchObject({ name: "Errands" });
  });

  it("filters, moves and counts tasks by list; null is the Inbox", async () => {
    const fresh = await app.signUp();
    const my = app.client(fresh.token);
    const list = await my.list.create.mutate({ name: "Garden" });
    const inList = await my.task.create.mutate({ title: "Plant", listId: list.id });
    const inbox = await my.task.create.mutate({ title: "Call", listId: null });
    expect(inList.listId).toBe(list.id);
    expect((await my.task.list.query({ listId: list.id })).items.map((t) => t.id)).toEqual([inList.id]);
    expect((await my.task.list.query({ listId: null })).items.map((t) => t.id)).toEqual([inbox.id]);
    expect((await my.task.list.query()).items).toHaveLength(2);

    expect(await my.task.update.mutate({ id: inbox.id, listId: list.id })).toMatchObject({ listId: list.id });
    expect(await my.task.stats.query({ listId: list.id })).toMatchObject({ total: 2, active: 2 });
    expect(await my.task.toggleAll.mutate({ completed: true, listId: list.id })).toEqual({ count: 2 });
    expect(await my.task.update.mutate({ id: inList.id, listId: null })).toMatchObject({ listId: null });
    expect(await my.task.clearCompleted.mutate({ listId: list.id })).toEqual({ count: 1 });
    expect((await my.task.list.query()).items.map((t) => t.title)).toEqual(["Plant"]);
    expect(await codeOf(my.task.create.mutate({ title: "x", listId: "no-such-list" }))).toBe("NOT_FOUND");
  });

  it("deletes a list: its tasks move to the Inbox, or go with it when asked", async () => {
    const fresh = await app.signUp();
    const my = app.client(fresh.token);
    const keep = await my.list.create.mutate({ name: "Keep tasks" });
    const drop = await my.list.create.mutate({ name: "Drop tasks" });
    const kept = await my.task.create.mutate({ title: "Stays", listId: keep.id });
    const undone = await my.task.create.mutate({ title: "Deleted before", listId: keep.id });
    await my.task.delete.mutate({ id: undone.id });
    await my.task.create.mutate({ title: "Goes", listId: drop.id });

    expect(await my.list.delete.mutate({ id: keep.id })).toEqual({ id: keep.id, tasks: 1 });
    expect(await my.task.byId.query({ id: kept.id })).toMatchObject({ listId: null });
    expect(await my.task.restore.mutate({ id: undone.id })).toMatchObject({ listId: null }); // back to the Inbox
    expect(await my.list.delete.mutate({ id: drop.id, deleteTasks: true })).toEqual({ id: drop.id, tasks: 1 });
    expect((await my.task.list.query()).items.map((t) => t.title).sort()).toEqual(["Deleted before", "Stays"]);
    expect((await my.list.all.query()).lists).toEqual([]);
    expect(await codeOf(my.list.delete.mutate({ id: drop.id }))).toBe("NOT_FOUND");
  });

  it("refuses a list past LIST_QUOTA_PER_USER with FORBIDDEN", async () => {
    const fresh = await app.signUp();
    const my = app.client(fresh.token);
    for (let i = 0; i < 5; i += 1) await my.list.create.mutate({ name: `List ${i}` });
    expect(await codeOf(my.list.create.mutate({ name: "One too many" }))).toBe("FORBIDDEN");
    expect((await my.list.all.query()).lists).toHaveLength(5);
  });

  it("a user's deletion takes their lists with it", async () => {
    const fresh = await app.signUp();
    await app.client(fresh.token).list.create.mutate({ name: "Mine" });
    await app.db.deleteFrom("user").where("id", "=", fresh.id).execute();
    expect(await app.db.selectFrom("list").select("id").where("user_id", "=", fresh.id).execute()).toEqual([]);
  });
});
