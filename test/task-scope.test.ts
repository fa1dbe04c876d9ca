import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, type TestApp } from "./fixtures/test-app";

/**
 * stats, toggleAll and clearCompleted take the same scope as task.list (list, search, due range), so
 * what the footer counts and what "mark all" / "clear completed" touch is what the view shows.
 */
describe("operations over a view's tasks", () => {
  let app: TestApp;
  let api: ReturnType<TestApp["client"]>;
  const today = { dueFrom: new Date("2031-06-10T00:00:00Z"), dueBefore: new Date("2031-06-11T00:00:00Z") };

  beforeAll(async () => {
    app = await createTestApp();
    api = app.client((await app.signUp()).token);
    await api.task.create.mutate({ title: "today a", dueDate: new Date("2031-06-10T12:00:00Z") });
    await api.task.create.mutate({ title: "today b", dueDate: new Date("2031-06-10T20:00:00Z") });
    await api.task.create.mutate({ title: "tomorrow", dueDate: new Date("2031-06-11T12:00:00Z") });
    await api.task.create.mutate({ title: "undated milk" });
    await api.task.create.mutate({ title: "undated bread", notes: "and milk" });
  });
  afterAll(() => app.close());

  it("stats count the scope: a due range, a search, everything", async () => {
    expect(await api.task.stats.query(today)).toEqual({ total: 2, active: 2, completed: 0, overdue: 0 });
    expect(await api.task.stats.query({ search: "MILK" })).toMatchObject({ total: 2, active: 2 });
    expect(await api.task.stats.query()).toMatchObject({ total: 5, active: 5 });
  });

  it("toggleAll and clearCompleted change the scope's tasks only", async () => {
    expect(await api.task.toggleAll.mutate({ completed: true, ...today })).toEqual({ count: 2 });
    expect(await api.task.stats.query()).toMatchObject({ total: 5, active: 3, completed: 2 });
    expect(await api.task.toggleAll.mutate({ completed: true, search: "milk" })).toEqual({ count: 2 });
    expect(await api.task.clearCompleted.mutate({ search: "milk" })).toEqual({ count: 2 });
    expect((await api.task.list.query()).items.map((t) => t.title)).toEqual(["today a", "today b", "tomorrow"]);
    expect(await api.task.clearCompleted.mutate(today)).toEqual({ count: 2 });
    expect((await api.task.list.query()).items.map((t) => t.title)).toEqual(["tomorrow"]);
  });

  it("a due range that runs backwards is BAD_REQUEST for each of them", async () => {
    const backwards = { dueFrom: today.dueBefore, dueBefore: today.dueFrom };
    for (const call of [() => api.task.stats.query(backwards), () => api.task.toggleAll.mutate({ completed: true, ...backwards }), () => api.task.clearCompleted.mutate(backwards)]) {
      const error = await call().then(() => null, (e: unknown) => e as { data: { code: string } });
      expect(error?.data.code).toBe("BAD_REQUEST");
    }
    expect((await api.task.list.query()).items.map((t) => [t.title, t.completed])).toEqual([["tomorrow", false]]);
  });
});
