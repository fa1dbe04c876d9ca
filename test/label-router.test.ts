import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, type TestApp, type TestUser } from "./fixtures/test-app";
import { sseReader } from "./fixtures/sse";
import { inTransaction } from "@db/in-transaction";
import { setTaskLabels } from "@/server/labels/task-labels";

/** Labels and the label filter over HTTP through the typed client; test/access-control.test.ts covers other users' ids. */
describe("label router", () => {
  let app: TestApp;
  let user: TestUser;
  let api: ReturnType<TestApp["client"]>;
  beforeAll(async () => {
    app = await createTestApp({ LABEL_QUOTA_PER_USER: "6", LABELS_PER_TASK_MAX: "3" });
    user = await app.signUp();
    api = app.client(user.token);
  });
  afterAll(() => app.close());

  const codeOf = (promise: Promise<unknown>) => promise.then(() => "OK", (error: { data?: { code: string } }) => error.data?.code);
  /** A fresh user's client, for tests that count. */
  const fresh = async () => app.client((await app.signUp()).token);

  it("creates, recolours, renames and lists labels by name with counts; tasks carry them", async () => {
    const my = await fresh();
    const work = await my.label.create.mutate({ name: " work " });
    expect(work).toEqual({ id: expect.any(String), name: "work", color: "gray", createdAt: expect.any(Date), updatedAt: expect.any(Date) });
    const home = await my.label.create.mutate({ name: "Home", color: "green" });
    const both = await my.task.create.mutate({ title: "Fix the desk", labelIds: [home.id, work.id, home.id] });
    expect(both.labelIds).toEqual([work.id, home.id].sort());
    const done = await my.task.create.mutate({ title: "Invoice", labelIds: [work.id] });
    await my.task.update.mutate({ id: done.id, completed: true });
    expect(await my.label.update.mutate({ id: work.id, name: "Work", color: "blue" })).toMatchObject({ id: work.id, name: "Work", color: "blue" });
    expect((await my.label.all.query()).map((l) => [l.name, l.color, l.active, l.total])).toEqual([
      ["Home", "green", 1, 1],
      ["Work", "blue", 1, 2],
    ]);
    expect((await my.task.byId.query({ id: both.id })).labelIds).toEqual([work.id, home.id].sort());
    // update sets the whole set; [] removes them all.
    expect((await my.task.update.mutate({ id: both.id, labelIds: [home.id] })).labelIds).toEqual([home.id]);
    expect((await my.task.update.mutate({ id: both.id, labelIds: [] })).labelIds).toEqual([]);
  });

  it("filters task.list, task.stats, toggleAll and clearCompleted by label, with lists, search and paging", async () => {
    const my = await fresh();
    const urgent = await my.label.create.mutate({ name: "urgent", color: "red" });
    const list = await my.list.create.mutate({ name: "Office" });
    const tagged = [];
    for (let i = 0; i < 7; i++) {
      const task = await my.task.create.mutate({ title: `tagged ${i}`, labelIds: [urgent.id], ...(i % 2 === 0 && { listId: list.id }) });
      tagged.push(task.id);
      await my.task.create.mutate({ title: `plain ${i}` });
    }
    // Keyset paging through a label filter: every tagged task once, in order.
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: { items: { id: string }[]; nextCursor: string | null } = await my.task.list.query({ labelId: urgent.id, limit: 3, cursor });
      seen.push(...page.items.map((t) => t.id));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen).toEqual(tagged);
    expect((await my.task.list.query({ labelId: urgent.id, listId: list.id })).items.map((t) => t.title)).toEqual(["tagged 0", "tagged 2", "tagged 4", "tagged 6"]);
    expect((await my.task.list.query({ labelId: urgent.id, search: "3" })).items.map((t) => t.title)).toEqual(["tagged 3"]);
    expect(await my.task.stats.query({ labelId: urgent.id })).toMatchObject({ total: 7, active: 7 });
    expect(await my.task.toggleAll.mutate({ completed: true, labelId: urgent.id })).toEqual({ count: 7 });
    expect(await my.task.stats.query()).toMatchObject({ total: 14, completed: 7 });
    expect(await my.task.clearCompleted.mutate({ labelId: urgent.id, undoId: randomUUID() })).toEqual({ count: 7 });
    expect((await my.task.list.query({ labelId: urgent.id })).items).toEqual([]);
  });

  it("deleting a label takes it off its tasks, which stay; a deleted task keeps its labels for Undo", async () => {
    const my = await fresh();
    const a = await my.label.create.mutate({ name: "a" });
    const b = await my.label.create.mutate({ name: "b" });
    const task = await my.task.create.mutate({ title: "both", labelIds: [a.id, b.id] });
    expect(await my.label.delete.mutate({ id: a.id })).toEqual({ id: a.id, tasks: 1 });
    expect((await my.task.byId.query({ id: task.id })).labelIds).toEqual([b.id]);
    await my.task.delete.mutate({ id: task.id });
    expect((await my.label.all.query()).map((l) => l.total)).toEqual([0]);
    expect((await my.task.restore.mutate({ id: task.id })).labelIds).toEqual([b.id]);
    expect(await codeOf(my.label.delete.mutate({ id: a.id }))).toBe("NOT_FOUND");
  });

  it("refuses a taken name (CONFLICT), bad names and colours (BAD_REQUEST), the quota (FORBIDDEN), too many per task and others' labels, changing nothing", async () => {
    const my = await fresh();
    const first = await my.label.create.mutate({ name: "Errands" });
    expect(await codeOf(my.label.create.mutate({ name: "errands" }))).toBe("CONFLICT");
    const other = await my.label.create.mutate({ name: "Other" });
    expect(await codeOf(my.label.update.mutate({ id: other.id, name: "ERRANDS" }))).toBe("CONFLICT");
    for (const bad of [
      () => my.label.create.mutate({ name: "   " }),
      () => my.label.create.mutate({ name: "two words" }),
      () => my.label.create.mutate({ name: "#hash" }),
      () => my.label.create.mutate({ name: "x".repeat(51) }),
      () => my.label.create.mutate({ name: "bell\u0007" }),
      () => my.label.create.mutate({ name: "ok", color: "chartreuse" as "red" }),
      () => my.label.update.mutate({ id: first.id, name: "" }),
    ]) {
      expect(await codeOf(bad())).toBe("BAD_REQUEST");
    }
    const more = [];
    for (const name of ["c", "d", "e", "f"]) more.push((await my.label.create.mutate({ name })).id);
    await expect(my.label.create.mutate({ name: "g" })).rejects.toMatchObject({ data: { code: "FORBIDDEN" }, message: "You have reached the limit of 6 labels: delete one first" });
    await expect(my.task.create.mutate({ title: "crowded", labelIds: more })).rejects.toMatchObject({
      data: { code: "BAD_REQUEST" },
      message: "A task can carry at most 3 labels (LABELS_PER_TASK_MAX)",
    });
    const task = await my.task.create.mutate({ title: "mine", labelIds: [first.id] });
    const stranger = await fresh();
    const theirs = await stranger.label.create.mutate({ name: "theirs" });
    expect(await codeOf(my.task.update.mutate({ id: task.id, labelIds: [first.id, theirs.id] }))).toBe("NOT_FOUND");
    expect(await codeOf(my.task.create.mutate({ title: "x", labelIds: [theirs.id] }))).toBe("NOT_FOUND");
    expect((await my.task.byId.query({ id: task.id })).labelIds).toEqual([first.id]);
    expect((await my.task.stats.query()).total).toBe(1);
    expect((await my.label.all.query()).map((l) => l.name)).toEqual(["c", "d", "e", "Errands", "f", "Other"]);
  });

  it("a label deleted between the ownership check and the link (a concurrent delete) is refused as missing, linking nothing", async () => {
    const task = await api.task.create.mutate({ title: "Raced" });
    // The race, made deterministic: the link is written for a label that is no longer there.
    // The repository then throws LabelNotFoundError, which ends the transaction (PostgreSQL has aborted it).
    const linked = inTransaction(app.db, async (trx) => {
      if (!(await setTaskLabels(trx, user.id, task.id, [randomUUID()]))) throw new Error("label gone");
    });
    await expect(linked).rejects.toThrow("label gone");
    expect(await app.db.selectFrom("task_label").select("label_id").where("task_id", "=", task.id).execute()).toEqual([]);
  });

  it("label changes stream a resync; a task's labels arrive with its task.upserted", async () => {
    const res = await app.fetch(`/api/trpc/sync.changes?input=${encodeURIComponent(JSON.stringify({ json: {} }))}`, {
      headers: { accept: "text/event-stream", authorization: `Bearer ${user.token}` },
    });
    const events = sseReader(res);
    const label = await api.label.create.mutate({ name: "streamed" });
    expect(await events.next()).toMatchObject({ data: { type: "resync" } });
    const task = await api.task.create.mutate({ title: "labelled", labelIds: [label.id] });
    expect(await events.next()).toMatchObject({ data: { type: "task.upserted", task: { id: task.id, labelIds: [label.id] } } });
    await api.label.delete.mutate({ id: label.id });
    expect(await events.next()).toMatchObject({ data: { type: "resync" } });
    await events.close();
  });
});
