import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { errorCode } from "./fixtures/errors";
import { createTestApp, type TestApp, type TestUser } from "./fixtures/test-app";

/** `task.import`: one transaction, lists by name, every limit a refusal that changes nothing. */
describe("task.import", () => {
  let app: TestApp;
  let user: TestUser;

  beforeAll(async () => {
    app = await createTestApp({ TASK_IMPORT_MAX: "5", LIST_QUOTA_PER_USER: "2", SUBTASKS_PER_TASK_MAX: "3" });
    user = await app.signUp();
  });
  afterAll(() => app.close());

  const nothingChanged = async () => {
    const api = app.client(user.token);
    expect((await api.task.stats.query()).total).toBe(0);
    expect((await api.list.all.query()).lists).toEqual([]);
  };

  it("creates the tasks in order with their lists, and says what it did", async () => {
    await using fresh = await createTestApp();
    const owner = await fresh.signUp();
    const api = fresh.client(owner.token);
    const due = new Date("2031-03-04T22:59:59.999Z");
    const result = await api.task.import.mutate({
      tasks: [
        { title: "one", list: "Work", dueDate: due, priority: "low" },
        { title: "two", list: " work ", completed: true, notes: "n" },
        { title: "three", list: null },
      ],
    });
    expect(result).toEqual({ imported: 3, listsCreated: ["Work"], listsMatched: [], labelsCreated: [] });
    const items = (await api.task.list.query()).items;
    expect(items.map((t) => [t.title, t.completed, t.priority, t.dueDate, t.notes])).toEqual([
      ["one", false, "low", due, null],
      ["two", true, "none", null, "n"],
      ["three", false, "none", null, null],
    ]);
    const [work] = (await api.list.all.query()).lists;
    expect(items.map((t) => t.listId)).toEqual([work!.id, work!.id, null]);
  });

  it("refuses more than TASK_IMPORT_MAX tasks, a bad task anywhere, and an empty file, creating nothing", async () => {
    const api = app.client(user.token);
    expect(await errorCode(api.task.import.mutate({ tasks: Array.from({ length: 6 }, (_, i) => ({ title: `t${i}` })) }))).toBe("BAD_REQUEST");
    expect(await errorCode(api.task.import.mutate({ tasks: [{ title: "fine", list: "L" }, { title: "" }] }))).toBe("BAD_REQUEST");
    expect(await errorCode(api.task.import.mutate({ tasks: [{ title: "fine", list: "Bad\u001b[2J" }] }))).toBe("BAD_REQUEST");
    expect(await errorCode(api.task.import.mutate({ tasks: [] }))).toBe("BAD_REQUEST");
    await nothingChanged();
  });

  it("imports each task's checklist in order, and refuses a task with more than SUBTASKS_PER_TASK_MAX or a bad item, creating nothing", async () => {
    const api = app.client(user.token);
    const item = (title: string, completed = false) => ({ title, completed });
    await expect(api.task.import.mutate({ tasks: [{ title: "fine" }, { title: "crowded", subtasks: [item("a"), item("b"), item("c"), item("d")] }] })).rejects.toMatchObject({
      data: { code: "BAD_REQUEST" },
      message: "Task 2 has more than 3 subtasks (SUBTASKS_PER_TASK_MAX)",
    });
    expect(await errorCode(api.task.import.mutate({ tasks: [{ title: "bad item", subtasks: [item("ok"), item("  ")] }] }))).toBe("BAD_REQUEST");
    await nothingChanged();

    const other = await app.signUp();
    const theirs = app.client(other.token);
    await theirs.task.import.mutate({ tasks: [{ title: "Trip", subtasks: [item("Tickets", true), item("Bags"), item("Keys", true)] }, { title: "Plain" }] });
    const [trip, plain] = (await theirs.task.list.query()).items;
    expect([trip!.subtasks, plain!.subtasks]).toEqual([{ done: 2, total: 3 }, { done: 0, total: 0 }]);
    expect((await theirs.subtask.list.query({ taskId: trip!.id })).map((i) => [i.title, i.completed])).toEqual([["Tickets", true], ["Bags", false], ["Keys", true]]);
  });

  it("matches or makes each task's labels by name (with the file's colours), and refuses too many per task, creating nothing", async () => {
    await using small = await createTestApp({ LABELS_PER_TASK_MAX: "2", LABEL_QUOTA_PER_USER: "3" });
    const owner = small.client((await small.signUp()).token);
    const mine = await owner.label.create.mutate({ name: "Home", color: "green" });
    await expect(owner.task.import.mutate({ tasks: [{ title: "crowded", labels: ["a", "b", "c"] }] })).rejects.toMatchObject({
      data: { code: "BAD_REQUEST" },
      message: "Task 1 can carry at most 2 labels (LABELS_PER_TASK_MAX)",
    });
    // Past the label quota: nothing at all, not even the labels that fit.
    expect(await errorCode(owner.task.import.mutate({ tasks: [{ title: "one", labels: ["x", "y"] }, { title: "two", labels: ["z"] }] }))).toBe("FORBIDDEN");
    expect((await owner.label.all.query()).map((l) => l.name)).toEqual(["Home"]);
    expect((await owner.task.stats.query()).total).toBe(0);

    const result = await owner.task.import.mutate({
      labels: [{ name: "Work", color: "blue" }],
      tasks: [{ title: "report", labels: ["work", "HOME"] }, { title: "plain" }],
    });
    expect(result).toMatchObject({ imported: 2, labelsCreated: ["work"] });
    const labels = await owner.label.all.query();
    expect(labels.map((l) => [l.name, l.color, l.total])).toEqual([["Home", "green", 1], ["work", "blue", 1]]);
    const [report, plain] = (await owner.task.list.query()).items;
    expect(report!.labelIds).toEqual([mine.id, labels[1]!.id].sort());
    expect(plain!.labelIds).toEqual([]);
  });

  it("past the list quota nothing is created, not even the lists that fit", async () => {
    const api = app.client(user.token);
    const tasks = ["A", "B", "C"].map((list) => ({ title: `in ${list}`, list }));
    expect(await errorCode(api.task.import.mutate({ tasks }))).toBe("FORBIDDEN");
    await nothingChanged();
  });
});
