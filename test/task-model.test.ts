import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, type TestApp } from "./fixtures/test-app";

/**
 * Model-based property test (fast-check): random sequences of task, order and checklist operations by two users, run against
 * the real app over HTTP and against a plain in-memory model. After every step the database holds
 * exactly what the model says, and neither user can see, change or delete the other's tasks.
 */
type Who = 0 | 1;
type ModelSubtask = { id: string; title: string; completed: boolean };
/** `repeats`: a daily task, which a completion moves on instead of completing. */
type ModelTask = { title: string; completed: boolean; subtasks: ModelSubtask[]; repeats: boolean };
/** Each user's tasks, and their ids in My order (`sort: "manual"`). */
type Model = { tasks: [Map<string, ModelTask>, Map<string, ModelTask>]; order: [string[], string[]] };
type Api = ReturnType<TestApp["client"]>;
type Real = { app: TestApp; api: [Api, Api]; userIds: [string, string] };

/** A task id chosen at run time: the `pick`-th of `owner`'s tasks in the model (if any). */
const chosen = (model: Model, owner: Who, pick: number) => {
  const ids = [...model.tasks[owner].keys()];
  return ids.length ? ids[pick % ids.length]! : undefined;
};

/** The database's view of `who`'s tasks and checklists, read directly (not through the API under test). */
async function stored(real: Real, who: Who) {
  const userId = real.userIds[who];
  const rows = await real.app.db.selectFrom("task").select(["id", "title", "completed", "subtask_count", "subtask_done", "repeat_rule"]).where("user_id", "=", userId).execute();
  const items = await real.app.db.selectFrom("subtask").select(["id", "task_id", "title", "completed", "position"]).where("user_id", "=", userId).execute();
  items.sort((a, b) => (a.position < b.position ? -1 : 1));
  return new Map(
    rows.map((r) => {
      const subtasks = items.filter((i) => i.task_id === r.id).map((i) => ({ id: i.id, title: i.title, completed: i.completed === 1 }));
      // The counts the row carries are the checklist's.
      expect([r.subtask_done, r.subtask_count]).toEqual([subtasks.filter((i) => i.completed).length, subtasks.length]);
      return [r.id, { title: r.title, completed: r.completed === 1, subtasks, repeats: r.repeat_rule !== null }];
    }),
  );
}

const countsOf = (task: ModelTask) => ({ done: task.subtasks.filter((i) => i.completed).length, total: task.subtasks.length });

async function expectMatches(model: Model, real: Real) {
  for (const who of [0, 1] as const) {
    expect(await stored(real, who)).toEqual(model.tasks[who]);
    const listed = (await real.api[who].task.list.query({ limit: 100 })).items;
    expect(new Map(listed.map((t) => [t.id, { title: t.title, completed: t.completed, subtasks: t.subtasks }]))).toEqual(
      new Map([...model.tasks[who]].map(([id, t]) => [id, { title: t.title, completed: t.completed, subtasks: countsOf(t) }])),
    );
    const manual = (await real.api[who].task.list.query({ limit: 100, sort: "manual" })).items;
    expect(manual.map((t) => t.id)).toEqual(model.order[who]);
    expect(await real.api[who].task.stats.query()).toMatchObject({
      total: model.tasks[who].size,
      completed: [...model.tasks[who].values()].filter((t) => t.completed).length,
    });
  }
}

const notFound = { data: { code: "NOT_FOUND" } };

class Create implements fc.AsyncCommand<Model, Real> {
  constructor(readonly who: Who, readonly title: string, readonly repeats = false) {}
  check = () => true;
  async run(model: Model, real: Real) {
    const repeat = this.repeats ? { dueDate: new Date(Date.now() + 86_400_000), repeat: { rule: "FREQ=DAILY", timeZone: "UTC" } } : {};
    const task = await real.api[this.who].task.create.mutate({ title: this.title, ...repeat });
    expect(task.title).toBe(this.title.trim());
    model.tasks[this.who].set(task.id, { title: task.title, completed: false, subtasks: [], repeats: this.repeats });
    model.order[this.who].push(task.id);
  }
  toString = () => `create(${this.who}, ${JSON.stringify(this.title)}${this.repeats ? ", daily" : ""})`;
}

class Update implements fc.AsyncCommand<Model, Real> {
  constructor(readonly who: Who, readonly owner: Who, readonly pick: number, readonly change: { title?: string; completed?: boolean }) {}
  check = (model: Readonly<Model>) => chosen(model as Model, this.owner, this.pick) !== undefined;
  async run(model: Model, real: Real) {
    const id = chosen(model, this.owner, this.pick)!;
    const call = real.api[this.who].task.update.mutate({ id, ...this.change });
    if (this.who !== this.owner) return void (await expect(call).rejects.toMatchObject(notFound));
    const task = await call;
    const before = model.tasks[this.owner].get(id)!;
    // Completing an open repeating task moves it to its next day instead: still open.
    const completed = this.change.completed === true && before.repeats && !before.completed ? false : (this.change.completed ?? before.completed);
    model.tasks[this.owner].set(id, { ...before, title: this.change.title?.trim() ?? before.title, completed });
    expect({ title: task.title, completed: task.completed }).toEqual({ title: model.tasks[this.owner].get(id)!.title, completed: model.tasks[this.owner].get(id)!.completed });
  }
  toString = () => `update(${this.who} on ${this.owner}'s #${this.pick}, ${JSON.stringify(this.change)})`;
}

class Delete implements fc.AsyncCommand<Model, Real> {
  constructor(readonly who: Who, readonly owner: Who, readonly pick: number) {}
  check = (model: Readonly<Model>) => chosen(model as Model, this.owner, this.pick) !== undefined;
  async run(model: Model, real: Real) {
    const id = chosen(model, this.owner, this.pick)!;
    const call = real.api[this.who].task.delete.mutate({ id });
    if (this.who !== this.owner) return void (await expect(call).rejects.toMatchObject(notFound));
    expect(await call).toEqual({ id });
    model.tasks[this.owner].delete(id);
    model.order[this.owner] = model.order[this.owner].filter((other) => other !== id);
  }
  toString = () => `delete(${this.who} on ${this.owner}'s #${this.pick})`;
}

class ToggleAll implements fc.AsyncCommand<Model, Real> {
  constructor(readonly who: Who, readonly completed: boolean) {}
  check = () => true;
  async run(model: Model, real: Real) {
    const mine = model.tasks[this.who];
    const changing = [...mine.values()].filter((t) => t.completed !== this.completed).length;
    expect(await real.api[this.who].task.toggleAll.mutate({ completed: this.completed })).toEqual({ count: changing });
    for (const task of mine.values()) task.completed = this.completed;
  }
  toString = () => `toggleAll(${this.who}, ${this.completed})`;
}

class ClearCompleted implements fc.AsyncCommand<Model, Real> {
  constructor(readonly who: Who) {}
  check = () => true;
  async run(model: Model, real: Real) {
    const mine = model.tasks[this.who];
    const done = [...mine].filter(([, t]) => t.completed).map(([id]) => id);
    expect(await real.api[this.who].task.clearCompleted.mutate()).toEqual({ count: done.length });
    for (const id of done) mine.delete(id);
    model.order[this.who] = model.order[this.who].filter((id) => !done.includes(id));
  }
  toString = () => `clearCompleted(${this.who})`;
}

class AddSubtask implements fc.AsyncCommand<Model, Real> {
  constructor(readonly who: Who, readonly owner: Who, readonly pick: number, readonly title: string) {}
  check = (model: Readonly<Model>) => chosen(model as Model, this.owner, this.pick) !== undefined;
  async run(model: Model, real: Real) {
    const taskId = chosen(model, this.owner, this.pick)!;
    const call = real.api[this.who].subtask.create.mutate({ taskId, title: this.title });
    if (this.who !== this.owner) return void (await expect(call).rejects.toMatchObject(notFound));
    const item = await call;
    model.tasks[this.owner].get(taskId)!.subtasks.push({ id: item.id, title: this.title.trim(), completed: false });
  }
  toString = () => `addSubtask(${this.who} on ${this.owner}'s #${this.pick}, ${JSON.stringify(this.title)})`;
}

/** Ticks, unticks or moves to the front the `item`-th subtask of a task, or deletes it. */
class ChangeSubtask implements fc.AsyncCommand<Model, Real> {
  constructor(readonly who: Who, readonly owner: Who, readonly pick: number, readonly item: number, readonly change: "tick" | "untick" | "first" | "delete") {}
  check = (model: Readonly<Model>) => {
    const id = chosen(model as Model, this.owner, this.pick);
    return id !== undefined && model.tasks[this.owner].get(id)!.subtasks.length > 0;
  };
  async run(model: Model, real: Real) {
    const items = model.tasks[this.owner].get(chosen(model, this.owner, this.pick)!)!.subtasks;
    const index = this.item % items.length;
    const target = items[index]!;
    const api = real.api[this.who].subtask;
    const call =
      this.change === "delete" ? api.delete.mutate({ id: target.id }) : this.change === "first" ? api.move.mutate({ id: target.id }) : api.update.mutate({ id: target.id, completed: this.change === "tick" });
    if (this.who !== this.owner) return void (await expect(call).rejects.toMatchObject(notFound));
    await call;
    if (this.change === "delete") items.splice(index, 1);
    else if (this.change === "first") items.unshift(...items.splice(index, 1));
    else target.completed = this.change === "tick";
  }
  toString = () => `${this.change}Subtask(${this.who} on ${this.owner}'s #${this.pick}, item ${this.item})`;
}

/** `task.move`: the `pick`-th task right after the `after`-th (null: first). */
class Move implements fc.AsyncCommand<Model, Real> {
  constructor(readonly who: Who, readonly owner: Who, readonly pick: number, readonly after: number | null) {}
  check = (model: Readonly<Model>) => chosen(model as Model, this.owner, this.pick) !== undefined;
  async run(model: Model, real: Real) {
    const id = chosen(model, this.owner, this.pick)!;
    const afterId = this.after === null ? null : chosen(model, this.owner, this.after)!;
    const call = real.api[this.who].task.move.mutate({ id, afterId });
    if (this.who !== this.owner || afterId === id) return void (await expect(call).rejects.toMatchObject(notFound));
    expect((await call).id).toBe(id);
    const order = model.order[this.owner].filter((other) => other !== id);
    order.splice(afterId === null ? 0 : order.indexOf(afterId) + 1, 0, id);
    model.order[this.owner] = order;
  }
  toString = () => `move(${this.who} on ${this.owner}'s #${this.pick} after ${this.after === null ? "nothing" : `#${this.after}`})`;
}

/** `task.skipOccurrence`: an open repeating task moves on; any other is BAD_REQUEST; another user's NOT_FOUND. */
class Skip implements fc.AsyncCommand<Model, Real> {
  constructor(readonly who: Who, readonly owner: Who, readonly pick: number) {}
  check = (model: Readonly<Model>) => chosen(model as Model, this.owner, this.pick) !== undefined;
  async run(model: Model, real: Real) {
    const id = chosen(model, this.owner, this.pick)!;
    const call = real.api[this.who].task.skipOccurrence.mutate({ id });
    if (this.who !== this.owner) return void (await expect(call).rejects.toMatchObject(notFound));
    const task = model.tasks[this.owner].get(id)!;
    if (!task.repeats || task.completed) return void (await expect(call).rejects.toMatchObject({ data: { code: "BAD_REQUEST" } }));
    expect(await call).toMatchObject({ id, completed: false });
  }
  toString = () => `skip(${this.who} on ${this.owner}'s #${this.pick})`;
}

class Check implements fc.AsyncCommand<Model, Real> {
  check = () => true;
  run = (model: Model, real: Real) => expectMatches(model, real);
  toString = () => "check";
}

const who = fc.constantFrom<Who>(0, 1);
const title = fc.string({ minLength: 1, maxLength: 40 }).filter((s) => s.trim().length > 0);
const commands = fc.commands(
  [
    fc.tuple(who, title, fc.boolean()).map(([w, t, r]) => new Create(w, t, r)),
    fc
      .tuple(who, who, fc.nat(), fc.record({ title: fc.option(title, { nil: undefined }), completed: fc.option(fc.boolean(), { nil: undefined }) }))
      .map(([w, o, p, c]) => new Update(w, o, p, Object.fromEntries(Object.entries(c).filter(([, v]) => v !== undefined)))),
    fc.tuple(who, who, fc.nat()).map(([w, o, p]) => new Delete(w, o, p)),
    fc.tuple(who, fc.boolean()).map(([w, c]) => new ToggleAll(w, c)),
    who.map((w) => new ClearCompleted(w)),
    fc.tuple(who, who, fc.nat(), title).map(([w, o, p, t]) => new AddSubtask(w, o, p, t)),
    fc
      .tuple(who, who, fc.nat(), fc.nat(), fc.constantFrom("tick" as const, "untick" as const, "first" as const, "delete" as const))
      .map(([w, o, p, i, c]) => new ChangeSubtask(w, o, p, i, c)),
    fc.tuple(who, who, fc.nat(), fc.option(fc.nat(), { nil: null })).map(([w, o, p, a]) => new Move(w, o, p, a)),
    fc.tuple(who, who, fc.nat()).map(([w, o, p]) => new Skip(w, o, p)),
    fc.constant(new Check()),
  ],
  { maxCommands: 25 },
);

describe("tasks against a model (fast-check)", () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await createTestApp();
  });
  afterAll(() => app.close());

  it("the database always matches the model, and no user reaches the other's tasks", async () => {
    await fc.assert(
      fc.asyncProperty(commands, async (sequence) => {
        const [a, b] = [await app.signUp(), await app.signUp()];
        const real: Real = { app, api: [app.client(a.token), app.client(b.token)], userIds: [a.id, b.id] };
        const model: Model = { tasks: [new Map(), new Map()], order: [[], []] };
        await fc.asyncModelRun(() => ({ model, real }), sequence);
        await expectMatches(model, real);
      }),
      { numRuns: 25 },
    );
  }, 120_000);
});
