import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, type TestApp } from "./fixtures/test-app";
import { errorCode } from "./fixtures/errors";

const DAY = 86_400_000;
/** `days` from now at 12:00 UTC (a timed task: `dueHasTime`). */
const noonIn = (days: number) => {
  const date = new Date(Date.now() + days * DAY);
  date.setUTCHours(12, 0, 0, 0);
  return date;
};
const daily = { rule: "FREQ=DAILY", timeZone: "UTC" };

/** Recurring tasks over the API: completing moves the task on, with its history; skip, undo and stop. */
describe("repeating tasks", () => {
  let app: TestApp;
  let api: ReturnType<TestApp["client"]>;
  let userId: string;

  beforeAll(async () => {
    app = await createTestApp({ REPEAT_RULE_MAX_LENGTH: "40" });
    const user = await app.signUp();
    userId = user.id;
    api = app.client(user.token);
  });
  afterAll(() => app.close());

  const history = (taskId: string) =>
    app.db.selectFrom("task_occurrence").select(["due_date", "skipped"]).where("task_id", "=", taskId).where("user_id", "=", userId).orderBy("done_at").orderBy("id").execute();

  it("completing one records the occurrence and moves the task to its next due date, still to do; three times over", async () => {
    const first = noonIn(1);
    const task = await api.task.create.mutate({ title: "Water the plants", dueDate: first, dueHasTime: true, repeat: { rule: "freq=weekly", timeZone: "UTC" } });
    expect(task.repeat).toEqual({ rule: "FREQ=WEEKLY", fromCompletion: false, timeZone: "UTC", text: "every week" });
    let due = first;
    for (let i = 1; i <= 3; i++) {
      const done = await api.task.update.mutate({ id: task.id, completed: true });
      due = new Date(due.getTime() + 7 * DAY);
      expect(done).toMatchObject({ completed: false, completedAt: null, dueDate: due, dueHasTime: true, repeat: { rule: "FREQ=WEEKLY" } });
    }
    expect((await history(task.id)).map((o) => [o.due_date, o.skipped])).toEqual([0, 1, 2].map((i) => [new Date(first.getTime() + i * 7 * DAY).toISOString(), 0]));
    // The task is one row, still open: the counts see one active task.
    expect(await api.task.stats.query()).toMatchObject({ active: 1, completed: 0 });

    // Undo takes the last completion back.
    const undone = await api.task.undoOccurrence.mutate({ id: task.id });
    expect(undone.dueDate).toEqual(new Date(first.getTime() + 14 * DAY));
    expect(await history(task.id)).toHaveLength(2);
  });

  it("skips an occurrence (recorded as skipped), and Undo brings it back", async () => {
    const task = await api.task.create.mutate({ title: "Gym", dueDate: noonIn(0), dueHasTime: true, repeat: daily });
    const skipped = await api.task.skipOccurrence.mutate({ id: task.id });
    expect(skipped).toMatchObject({ completed: false });
    expect(skipped.dueDate!.getTime()).toBeGreaterThan(task.dueDate!.getTime());
    expect((await history(task.id)).map((o) => o.skipped)).toEqual([1]);
    expect((await api.task.undoOccurrence.mutate({ id: task.id })).dueDate).toEqual(task.dueDate);
    expect(await errorCode(api.task.undoOccurrence.mutate({ id: task.id }))).toBe("BAD_REQUEST");
  });

  it("counts from completion: every 3 days after done, from the day it is done, at the due time", async () => {
    const task = await api.task.create.mutate({ title: "Clean the filter", dueDate: noonIn(-10), dueHasTime: true, repeat: { rule: "FREQ=DAILY;INTERVAL=3", fromCompletion: true, timeZone: "UTC" } });
    const done = await api.task.update.mutate({ id: task.id, completed: true });
    expect(done.dueDate).toEqual(noonIn(3));
    expect(done.repeat?.text).toBe("every 3 days after done");
  });

  it("after its last occurrence (COUNT) the task is done, and undo reopens the series", async () => {
    const task = await api.task.create.mutate({ title: "Course", dueDate: noonIn(1), dueHasTime: true, repeat: { rule: "FREQ=DAILY;COUNT=2", timeZone: "UTC" } });
    expect((await api.task.update.mutate({ id: task.id, completed: true })).repeat?.rule).toBe("FREQ=DAILY;COUNT=1");
    const last = await api.task.update.mutate({ id: task.id, completed: true });
    expect(last).toMatchObject({ completed: true, repeat: null });
    const reopened = await api.task.undoOccurrence.mutate({ id: task.id });
    expect(reopened).toMatchObject({ completed: false, completedAt: null, repeat: { rule: "FREQ=DAILY;COUNT=1" } });
  });

  it("stops repeating with repeat: null or when the due date is cleared; a deleted one comes back with its rule", async () => {
    const task = await api.task.create.mutate({ title: "Stop me", dueDate: noonIn(1), repeat: daily });
    expect((await api.task.update.mutate({ id: task.id, repeat: null })).repeat).toBeNull();
    expect((await api.task.update.mutate({ id: task.id, completed: true })).completed).toBe(true);

    const other = await api.task.create.mutate({ title: "Undated", dueDate: noonIn(1), repeat: daily });
    expect(await api.task.update.mutate({ id: other.id, dueDate: null })).toMatchObject({ dueDate: null, repeat: null });

    const kept = await api.task.create.mutate({ title: "Kept", dueDate: noonIn(1), repeat: daily });
    await api.task.delete.mutate({ id: kept.id });
    expect((await api.task.restore.mutate({ id: kept.id })).repeat).toMatchObject({ rule: "FREQ=DAILY" });
  });

  it("refuses what cannot repeat with BAD_REQUEST, changing nothing", async () => {
    const plain = await api.task.create.mutate({ title: "Plain" });
    const before = await app.db.selectFrom("task").selectAll().where("user_id", "=", userId).orderBy("id").execute();
    const bad: (() => Promise<unknown>)[] = [
      () => api.task.create.mutate({ title: "No date", repeat: daily }),
      () => api.task.update.mutate({ id: plain.id, repeat: daily }),
      () => api.task.create.mutate({ title: "Hourly", dueDate: noonIn(1), repeat: { rule: "FREQ=HOURLY", timeZone: "UTC" } }),
      () => api.task.create.mutate({ title: "Nowhere", dueDate: noonIn(1), repeat: { rule: "FREQ=DAILY", timeZone: "Mars/Olympus" } }),
      () => api.task.create.mutate({ title: "Over", dueDate: noonIn(1), repeat: { rule: "FREQ=DAILY;UNTIL=20200101", timeZone: "UTC" } }),
      () => api.task.create.mutate({ title: "Never", dueDate: noonIn(1), repeat: { rule: "FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=30", timeZone: "UTC" } }),
      // Longer than REPEAT_RULE_MAX_LENGTH (40 here), though a valid rule.
      () => api.task.create.mutate({ title: "Long", dueDate: noonIn(1), repeat: { rule: "FREQ=WEEKLY;INTERVAL=2;BYDAY=MO,TU,WE,TH,FR,SA", timeZone: "UTC" } }),
      () => api.task.skipOccurrence.mutate({ id: plain.id }),
      () => api.task.import.mutate({ tasks: [{ title: "Imported", repeat: daily }] }),
      () => api.task.undoOccurrence.mutate({ id: plain.id }),
    ];
    for (const call of bad) expect(await errorCode(call())).toBe("BAD_REQUEST");
    expect(await errorCode(api.task.skipOccurrence.mutate({ id: "no-such-task" }))).toBe("NOT_FOUND");
    expect(await app.db.selectFrom("task").selectAll().where("user_id", "=", userId).orderBy("id").execute()).toEqual(before);
  });

  it("imports a task's repeat with its due date", async () => {
    const { client } = { client: app.client((await app.signUp()).token) };
    await client.task.import.mutate({ tasks: [{ title: "Bins", dueDate: noonIn(2), dueHasTime: true, repeat: { rule: "FREQ=WEEKLY;BYDAY=TH", timeZone: "Europe/Berlin" } }] });
    const [task] = (await client.task.list.query()).items;
    expect(task?.repeat).toEqual({ rule: "FREQ=WEEKLY;BYDAY=TH", fromCompletion: false, timeZone: "Europe/Berlin", text: "every week on Thursday" });
  });
});
