import { sql } from "kysely";
import { generateKeyBetween } from "fractional-indexing";
import { v7 as uuidv7 } from "uuid";
import { inTransaction } from "@db/in-transaction";
import type { SubtaskRow } from "@db/schema";
import type { Db } from "../db";
import type { CreateSubtaskInput, MoveSubtaskInput, UpdateSubtaskInput } from "@/shared/subtask-input";
import type { ChangeRecorder } from "../sync/change-log";
import { toTaskWithLabels, type Task } from "../tasks/task-repository";
import { byPosition } from "./subtask-rows";

/** One item of a task's checklist, as clients see it. */
export interface Subtask {
  id: string;
  taskId: string;
  title: string;
  completed: boolean;
  createdAt: Date;
  updatedAt: Date;
}

/** Raised when a task already has `SUBTASKS_PER_TASK_MAX` subtasks; the router answers FORBIDDEN. */
export class SubtaskLimitError extends Error {
  override name = "SubtaskLimitError";
  constructor(readonly max: number) {
    super(`A task can have at most ${max} subtasks`);
  }
}

const toSubtask = (row: SubtaskRow): Subtask => ({
  id: row.id,
  taskId: row.task_id,
  title: row.title,
  completed: row.completed === 1,
  createdAt: new Date(row.created_at),
  updatedAt: new Date(row.updated_at),
});

export interface SubtaskRepositoryOptions {
  /** Most subtasks per task (`SUBTASKS_PER_TASK_MAX`). Default 100. */
  max?: number;
  clock?: () => Date;
  /** Where each change is recorded for `sync.changes`: the parent task's `task.upserted`, with its new counts. */
  changes?: ChangeRecorder;
}

/**
 * Checklist queries for one user. Every statement is filtered by `userId`, and every one needs the
 * parent task to be the user's and not deleted: another user's subtask or task behaves like a missing
 * one (`undefined`, nothing changed).
 */
export function subtaskRepository(db: Db, userId: string, { max = 100, clock = () => new Date(), changes }: SubtaskRepositoryOptions = {}) {
  const siblings = async (from: Db, taskId: string) =>
    (await from.selectFrom("subtask").selectAll().where("user_id", "=", userId).where("task_id", "=", taskId).execute()).sort(byPosition);

  /**
   * In `trx`: touches the parent task, which locks its row (PostgreSQL; SQLite's one writer already
   * serialises), so concurrent changes to one checklist take turns and the counts stay exact. Resolves
   * whether the task is the user's, live.
   */
  const lockTask = async (trx: Db, taskId: string, now: string) =>
    Number((await trx.updateTable("task").set({ updated_at: now }).where("id", "=", taskId).where("user_id", "=", userId).executeTakeFirst()).numUpdatedRows) > 0;

  /** In `trx`: recounts the checklist onto the task row and records the task's change (its new counts). */
  const recount = async (trx: Db, taskId: string): Promise<Task> => {
    const of = (eb: typeof trx) => eb.selectFrom("subtask").where("user_id", "=", userId).where("task_id", "=", taskId);
    const row = await trx
      .updateTable("task")
      .set({
        subtask_count: sql<number>`(${of(trx).select((eb) => eb.fn.countAll().as("n"))})`,
        subtask_done: sql<number>`(${of(trx).select((eb) => eb.fn.countAll().as("n")).where("completed", "=", 1)})`,
      })
      .where("id", "=", taskId)
      .where("user_id", "=", userId)
      .returningAll()
      .executeTakeFirstOrThrow();
    const task = await toTaskWithLabels(trx, userId, row);
    await changes?.record(trx, userId, [{ type: "task.upserted", task }]);
    return task;
  };

  /** Runs `change` on subtask `id` with its task locked; `undefined` when either is not the user's or the task is deleted. */
  const withSubtask = <T>(id: string, change: (trx: Db, row: SubtaskRow, now: string) => Promise<T>) =>
    inTransaction(db, async (trx) => {
      const now = clock().toISOString();
      const row = await trx.selectFrom("subtask").selectAll().where("id", "=", id).where("user_id", "=", userId).executeTakeFirst();
      if (!row || !(await lockTask(trx, row.task_id, now))) return undefined;
      return change(trx, row, now);
    });

  return {
    /** The task's checklist in order; `undefined` when the task is not the user's (or is deleted). */
    async list(taskId: string): Promise<Subtask[] | undefined> {
      const task = await db.selectFrom("task").select("id").where("id", "=", taskId).where("user_id", "=", userId).executeTakeFirst();
      return task && (await siblings(db, taskId)).map(toSubtask);
    },

    /**
     * Adds an item at the end of the checklist.
     * @throws {SubtaskLimitError} when the task has `max` already.
     */
    async create({ taskId, title }: CreateSubtaskInput): Promise<Subtask | undefined> {
      return inTransaction(db, async (trx) => {
        const now = clock().toISOString();
        if (!(await lockTask(trx, taskId, now))) return undefined;
        const items = await siblings(trx, taskId);
        if (items.length >= max) throw new SubtaskLimitError(max);
        const row = await trx
          .insertInto("subtask")
          .values({ id: uuidv7(), user_id: userId, task_id: taskId, title, completed: 0, position: generateKeyBetween(items.at(-1)?.position ?? null, null), created_at: now, updated_at: now })
          .returningAll()
          .executeTakeFirstOrThrow();
        await recount(trx, taskId);
        return toSubtask(row);
      });
    },

    /** Renames an item or sets its done state. */
    async update({ id, ...fields }: UpdateSubtaskInput): Promise<Subtask | undefined> {
      return withSubtask(id, async (trx, current, now) => {
        const row = await trx
          .updateTable("subtask")
          .set({
            ...(fields.title !== undefined && { title: fields.title }),
            ...(fields.completed !== undefined && { completed: fields.completed ? 1 : 0 }),
            updated_at: now,
          })
          .where("id", "=", id)
          .where("user_id", "=", userId)
          .returningAll()
          .executeTakeFirstOrThrow();
        await recount(trx, current.task_id);
        return toSubtask(row);
      });
    },

    /** Puts an item right after `afterId` (an item of the same checklist), or first; writes that one row. */
    async move({ id, afterId }: MoveSubtaskInput): Promise<Subtask | undefined> {
      return withSubtask(id, async (trx, current, now) => {
        const others = (await siblings(trx, current.task_id)).filter((item) => item.id !== id);
        const at = afterId ? others.findIndex((item) => item.id === afterId) : -1;
        if (afterId && at === -1) return undefined;
        const position = generateKeyBetween(others[at]?.position ?? null, others[at + 1]?.position ?? null);
        const row = await trx.updateTable("subtask").set({ position, updated_at: now }).where("id", "=", id).where("user_id", "=", userId).returningAll().executeTakeFirstOrThrow();
        await recount(trx, current.task_id);
        return toSubtask(row);
      });
    },

    /** Removes an item for good (the checklist has no undo of its own). */
    async delete(id: string): Promise<Subtask | undefined> {
      return withSubtask(id, async (trx, current) => {
        await trx.deleteFrom("subtask").where("id", "=", id).where("user_id", "=", userId).execute();
        await recount(trx, current.task_id);
        return toSubtask(current);
      });
    },
  };
}

/** The repository type routers receive. */
export type SubtaskRepository = ReturnType<typeof subtaskRepository>;
