import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { taskRepository } from "@/server/tasks/task-repository";
import { createTestApp, type TestApp } from "./fixtures/test-app";

describe("task repository: deleted tasks", () => {
  let app: TestApp;
  let userId: string;
  beforeAll(async () => {
    app = await createTestApp();
    userId = (await app.signUp()).id;
  });
  afterAll(() => app.close());

  it("can be restored within the undo window only, and are purged after it", async () => {
    let now = new Date("2030-01-01T00:00:00.000Z");
    const tasks = taskRepository(app.db, userId, { undoWindowSeconds: 60, clock: () => now });
    const early = await tasks.create({ title: "early" });
    const late = await tasks.create({ title: "late" });
    await tasks.delete(early.id);
    now = new Date(now.getTime() + 59_000);
    await tasks.delete(late.id);
    expect((await tasks.restore(late.id))?.title).toBe("late");

    now = new Date(now.getTime() + 2_000); // `early` was deleted 61 s ago
    expect(await tasks.restore(early.id)).toBeUndefined();
    await tasks.delete(late.id); // a delete purges what can no longer be restored
    const kept = await app.db.selectFrom("deleted_task").select("id").where("user_id", "=", userId).execute();
    expect(kept.map((r) => r.id)).toEqual([late.id]);
  });

  it("go with their user", async () => {
    const other = await app.signUp();
    const tasks = taskRepository(app.db, other.id);
    await tasks.delete((await tasks.create({ title: "x" })).id);
    await app.db.deleteFrom("user").where("id", "=", other.id).execute();
    expect(await app.db.selectFrom("deleted_task").where("user_id", "=", other.id).selectAll().execute()).toEqual([]);
  });
});
