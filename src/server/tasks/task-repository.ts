import { sql, type SelectQueryBuilder, type SqlBool } from "kysely";
import { inTransaction } from "@db/in-transaction";
import { v7 as uuidv7 } from "uuid";
import type { Database, TaskRow, TaskRowUpdate } from "@db/schema";
import type { Db } from "../db";
import { lockUser } from "../user-lock";
import { PRIORITIES, type Priority } from "@/shared/task-fields";
import type { CreateTaskInput, ListScope, ListTasksInput, UpdateTaskInput } from "@/shared/task-input";
import type { SyncEvent } from "@/shared/sync-events";
import type { ChangeRecorder } from "../sync/change-log";
import type { ImportedSubtask } from "@/shared/subtask-input";
import { newSubtaskRows } from "../subtasks/subtask-rows";
import { labelsOf, ownsLabels, setTaskLabels } from "../labels/task-labels";
import { afterCursor, decodeCursor, encodeCursor, orderTerms } from "./task-order";
import { generateKeyBetween, generateNKeysBetween } from "fractional-indexing";
import { describeRepeat, nextOccurrence, ruleOccurs } from "./recurrence";
import type { RepeatInput } from "@/shared/repeat-input";

/** A task as clients see it: the contract in shared/ARCHITECTURE.md. */
export interface Task {
  id: string;
  title: string;
  notes: string | null;
  completed: boolean;
  priority: Priority;
  dueDate: Date | null;
  /** Whether `dueDate` has a time the user set; else it is a day (that local day's last moment). */
  dueHasTime: boolean;
  createdAt: Date;
  updatedAt: Date;
  completedAt: Date | null;
  /** The task's list, or null for the Inbox. */
  listId: string | null;
  /** Its checklist's counts (`subtask.list` has the items): the row shows "done/total". */
  subtasks: SubtaskCounts;
  /** Its labels' ids, in the labels' creation order. */
  labelIds: string[];
  /** Its place in "My order" (`sort: "manual"`): a fractional index; compare as bytes (`<` on the strings). */
  position: string;
  /** How it repeats, or null: completing it moves it to the next due date. */
  repeat: TaskRepeat | null;
}

/** A repeating task's rule: RFC 5545 RRULE, from the due date or from completion, in a time zone; `text` says it in English. */
export interface TaskRepeat {
  rule: string;
  fromCompletion: boolean;
  timeZone: string;
  text: string;
}

/** How many of a task's subtasks are done, of how many. */
export interface SubtaskCounts {
  done: number;
  total: number;
}

/** One page of tasks; `nextCursor` is `null` on the last page. */
export interface TaskPage {
  items: Task[];
  nextCursor: string | null;
}

/** Counts over all of a user's tasks (not just a loaded page). */
export interface TaskStats {
  total: number;
  active: number;
  completed: number;
  overdue: number;
}

/** Raised for a cursor the repository did not issue; the router turns it into BAD_REQUEST. */
export class InvalidCursorError extends Error {
  override name = "InvalidCursorError";
}

/** Raised when a user already has as many tasks as `TASK_QUOTA_PER_USER` allows; the router answers FORBIDDEN. */
export class TaskQuotaExceededError extends Error {
  override name = "TaskQuotaExceededError";
  constructor(readonly quota: number) {
    super(`You have reached the limit of ${quota} tasks: delete some first`);
  }
}

/** Raised for a list id that is not one of the user's lists; the router answers NOT_FOUND. */
export class ListNotFoundError extends Error {
  override name = "ListNotFoundError";
  constructor() {
    super("List not found");
  }
}

/** Raised for a repeat that cannot be: no due date to count from, a rule that never occurs, a task that does not repeat; the router answers BAD_REQUEST. */
export class RepeatError extends Error {
  override name = "RepeatError";
}

/** Raised for an undo of an occurrence when the task has none left to undo; the router answers BAD_REQUEST. */
export class NoOccurrenceError extends Error {
  override name = "NoOccurrenceError";
  constructor() {
    super("Nothing to undo: no completed or skipped occurrence of this task");
  }
}

/** Raised for a label id that is not one of the user's labels; the router answers NOT_FOUND. */
export class LabelNotFoundError extends Error {
  override name = "LabelNotFoundError";
  constructor() {
    super("Label not found");
  }
}

/** Stored values to API values, at the one place rows leave the database (`labelIds`: from `task_label`). */
export function toTask(row: TaskRow, labelIds: string[]): Task {
  return {
    id: row.id,
    title: row.title,
    notes: row.notes,
    completed: row.completed === 1,
    priority: PRIORITIES[row.priority] ?? "none",
    dueDate: row.due_date === null ? null : new Date(row.due_date),
    dueHasTime: row.due_date !== null && row.due_has_time === 1,
    createdAt: new Date(row.created_at),
    updatedAt: new Date(row.updated_at),
    completedAt: row.completed_at === null ? null : new Date(row.completed_at),
    listId: row.list_id,
    subtasks: { done: row.subtask_done, total: row.subtask_count },
    labelIds,
    position: row.position,
    repeat: repeatOf(row),
  };
}

function repeatOf(row: TaskRow): TaskRepeat | null {
  if (row.repeat_rule === null || row.repeat_tz === null) return null;
  const repeat = { rule: row.repeat_rule, fromCompletion: row.repeat_from_done === 1, timeZone: row.repeat_tz };
  return { ...repeat, text: describeRepeat(repeat) };
}

/** The stored columns of a repeat (`null`: none). */
const repeatColumns = (repeat: RepeatInput | null | undefined) => ({
  repeat_rule: repeat?.rule ?? null,
  repeat_from_done: repeat?.fromCompletion ? 1 : 0,
  repeat_tz: repeat?.timeZone ?? null,
});

/** @throws {RepeatError} when `repeat` has no occurrence after `from`. */
function checkOccurs(repeat: RepeatInput | null | undefined, from: Date) {
  if (repeat && !ruleOccurs(repeat.rule, from)) throw new RepeatError("This repeat rule has no occurrence after the due date");
}

/** `rows` as tasks, with their labels (one query for all of them). */
export async function toTasks(db: Db, userId: string, rows: readonly TaskRow[]): Promise<Task[]> {
  const labels = await labelsOf(db, userId, rows.map((row) => row.id));
  return rows.map((row) => toTask(row, labels.get(row.id) ?? []));
}

/** One row as a task, with its labels. */
export const toTaskWithLabels = async (db: Db, userId: string, row: TaskRow): Promise<Task> => (await toTasks(db, userId, [row]))[0]!;

/** A select over the user's rows of `task` / `deleted_task`, narrowed by the caller. */
type SelectTasks = SelectQueryBuilder<Database, "task", object>;
type SelectDeleted = SelectQueryBuilder<Database, "deleted_task", object>;

const priorityRank = (priority: Priority) => PRIORITIES.indexOf(priority);
const iso = (date: Date) => date.toISOString();
/** Escapes LIKE wildcards so a search for "50%" means the text "50%". */
const likePattern = (text: string) => `%${text.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

/** Orders strings as bytes (fractional indexes are ASCII); `undefined` after every string. */
const bytewise = (a: string | undefined, b: string | undefined) =>
  a === b ? 0 : a === undefined ? 1 : b === undefined ? -1 : a < b ? -1 : 1;

/** Rows per insert statement when creating many tasks. */
const INSERT_CHUNK = 500;

/** The columns a task has in both `task` and `deleted_task`, for moving rows between them (selects list them in this order). */
const TASK_COLUMNS = [
  "id",
  "user_id",
  "title",
  "notes",
  "completed",
  "priority",
  "due_date",
  "created_at",
  "updated_at",
  "completed_at",
  "subtask_count",
  "subtask_done",
  "due_has_time",
  "position",
  "repeat_rule",
  "repeat_from_done",
  "repeat_tz",
  "create_key",
  // Last: a restore selects it apart (the list may be gone).
  "list_id",
] as const;

export interface TaskRepositoryOptions {
  /** How long a deleted task can be restored, in seconds. Default 60. */
  undoWindowSeconds?: number;
  /** How many tasks the user may have at once. Default 10,000. */
  quota?: number;
  /** Current time; injectable for tests. */
  clock?: () => Date;
  /** Where each change is recorded, in its own transaction, for `sync.changes` (none: nothing is). */
  changes?: ChangeRecorder;
}

/**
 * Task queries for one user. Every statement is filtered by `userId`, so another user's task behaves
 * exactly like a missing one: methods return `undefined` or `0` and change nothing.
 *
 * @example const tasks = taskRepository(db, ctx.user.id); const page = await tasks.list({ ... });
 */
export function taskRepository(db: Db, userId: string, options: TaskRepositoryOptions = {}) {
  const clock = options.clock ?? (() => new Date());
  const undoWindowMs = (options.undoWindowSeconds ?? 60) * 1000;
  const quota = options.quota ?? 10_000;
  /** Records `events` in `trx`, the transaction that makes the change. */
  const record = (trx: Db, ...events: SyncEvent[]) => options.changes?.record(trx, userId, events) ?? Promise.resolve();
  const own = () => db.selectFrom("task").selectAll().where("user_id", "=", userId);
  /**
   * The task a create with idempotency key `key` made, in `trx`: live, or deleted since (answered as it
   * was, so a late repeat does not bring it back; the client's next fetch shows it gone).
   */
  const createdWith = async (trx: Db, key: string): Promise<Task | undefined> => {
    const live = await trx.selectFrom("task").selectAll().where("user_id", "=", userId).where("create_key", "=", key).executeTakeFirst();
    if (live) return toTaskWithLabels(trx, userId, live);
    const deleted = await trx.selectFrom("deleted_task").select(TASK_COLUMNS).where("user_id", "=", userId).where("create_key", "=", key).executeTakeFirst();
    return deleted && toTaskWithLabels(trx, userId, deleted);
  };
  /**
   * A condition for an `insert ... select`: the user is below the quota. Checked in the inserting
   * statement itself, so concurrent creates cannot both pass a separate count and overshoot.
   */
  const taskCount = (from: Db) => from.selectFrom("task").select((eb) => eb.fn.countAll().as("n")).where("user_id", "=", userId);
  const underQuota = (from: Db) => sql<SqlBool>`(${taskCount(from)}) < ${quota}`;
  /** After a write inside a transaction: has it taken the user past the quota? */
  const overQuota = async (trx: Db) => Number((await taskCount(trx).executeTakeFirstOrThrow()).n) > quota;
  /** A condition: `listId` is null (the Inbox) or one of this user's lists. Checked in the writing statement. */
  const ownList = (listId: string | null) =>
    listId === null ? sql<SqlBool>`1 = 1` : sql<SqlBool>`exists ${db.selectFrom("list").select("id").where("id", "=", listId).where("user_id", "=", userId)}`;
  /** A condition on `task`: in list `listId` (`null`: the Inbox); `undefined` means any list. */
  const inList = (listId: string | null | undefined) =>
    listId === undefined ? sql<SqlBool>`1 = 1` : listId === null ? sql<SqlBool>`${sql.ref("list_id")} is null` : sql<SqlBool>`${sql.ref("list_id")} = ${listId}`;
  /** A condition on `task`: in the scope a view narrows to (list, search, due range); see `ListScope`. */
  const inScope = ({ listId, search, dueFrom, dueBefore, labelId }: ListScope) => {
    const terms = [inList(listId)];
    if (labelId !== undefined) {
      const links = db.selectFrom("task_label").select("task_label.task_id").whereRef("task_label.task_id", "=", sql.ref("task.id")).where("task_label.label_id", "=", labelId).where("task_label.user_id", "=", userId);
      terms.push(sql<SqlBool>`exists ${links}`);
    }
    if (search) {
      const pattern = likePattern(search);
      // SQLite's LIKE has no escape character unless told; lower() makes it case-insensitive on PostgreSQL too.
      const matches = (column: "title" | "notes") => sql<SqlBool>`lower(${sql.ref(column)}) like ${pattern} escape '\\'`;
      terms.push(sql<SqlBool>`(${matches("title")} or ${matches("notes")})`);
    }
    if (dueFrom) terms.push(sql<SqlBool>`${sql.ref("due_date")} >= ${iso(dueFrom)}`);
    if (dueBefore) terms.push(sql<SqlBool>`${sql.ref("due_date")} < ${iso(dueBefore)}`);
    return sql<SqlBool>`(${sql.join(terms, sql` and `)})`;
  };

  const cutoff = () => iso(new Date(clock().getTime() - undoWindowMs));

  /**
   * Moves the user's tasks that `where` selects to `deleted_task` under `batchId`, in `trx`; prunes
   * what can no longer be restored; resolves how many moved. The insert comes first, so the write lock is
   * taken before anything is read.
   */
  const moveToDeleted = async (trx: Db, batchId: string | null, where: (query: SelectTasks) => SelectTasks) => {
    const now = iso(clock());
    const selected = (from: Db) => where(from.selectFrom("task").where("user_id", "=", userId) as SelectTasks);
    const moved = await trx
      .insertInto("deleted_task")
      .columns([...TASK_COLUMNS, "deleted_at", "batch_id"])
      .expression((eb) => selected(trx).select([...TASK_COLUMNS, eb.val(now).as("deleted_at"), eb.val(batchId).as("batch_id")]))
      .executeTakeFirst();
    const count = Number(moved.numInsertedOrUpdatedRows ?? 0);
    if (count > 0) await trx.deleteFrom("task").where("user_id", "=", userId).where("id", "in", selected(trx).select("id")).execute();
    // Past the undo window a deleted task goes for good, and its subtasks with it.
    const expired = trx.selectFrom("deleted_task").select("id").where("user_id", "=", userId).where("deleted_at", "<", cutoff());
    await trx.deleteFrom("subtask").where("user_id", "=", userId).where("task_id", "in", expired).execute();
    await trx.deleteFrom("task_label").where("user_id", "=", userId).where("task_id", "in", expired).execute();
    await trx.deleteFrom("task_occurrence").where("user_id", "=", userId).where("task_id", "in", expired).execute();
    await trx.deleteFrom("deleted_task").where("user_id", "=", userId).where("deleted_at", "<", cutoff()).execute();
    return count;
  };

  /**
   * Moves the user's deleted tasks that `where` selects, if still within the undo window, back to `task`
   * with their ids and places, in `trx`; resolves how many. A task whose list is gone comes back to the
   * Inbox. Past the quota nothing comes back ({@link TaskQuotaExceededError}, which rolls back).
   */
  const restoreDeleted = async (trx: Db, where: (query: SelectDeleted) => SelectDeleted) => {
    await lockUser(trx, userId);
    const selected = () => where(trx.selectFrom("deleted_task").where("user_id", "=", userId).where("deleted_at", ">=", cutoff()) as SelectDeleted);
    const restored = await trx
      .insertInto("task")
      .columns(TASK_COLUMNS)
      .expression(
        selected().select((eb) => [
          ...TASK_COLUMNS.filter((column) => column !== "list_id"),
          eb.selectFrom("list").select("list.id").whereRef("list.id", "=", "deleted_task.list_id").where("list.user_id", "=", userId).as("list_id"),
        ]),
      )
      .executeTakeFirst();
    const count = Number(restored.numInsertedOrUpdatedRows ?? 0);
    if (count === 0) return 0;
    if (await overQuota(trx)) throw new TaskQuotaExceededError(quota); // rolls the inserts back
    await trx.deleteFrom("deleted_task").where("user_id", "=", userId).where("id", "in", selected().select("id")).execute();
    return count;
  };

  /** The last place in the user's "My order" (`null`: no tasks), where new tasks go. Read under the user's lock. */
  const lastPosition = async (trx: Db) =>
    (await trx.selectFrom("task").select("position").where("user_id", "=", userId).orderBy("position", "desc").limit(1).executeTakeFirst())?.position ?? null;

  /**
   * In `trx`: records the occurrence of task `taskId` due at `due` as done (or skipped) now, and resolves
   * where the task goes next (`null`: the series is over).
   */
  const advance = async (trx: Db, taskId: string, repeat: { rule: string; fromCompletion: boolean; timeZone: string }, due: Date, dueHasTime: number, skipped: boolean) => {
    const now = clock();
    await trx
      .insertInto("task_occurrence")
      .values({ id: uuidv7(), user_id: userId, task_id: taskId, due_date: iso(due), due_has_time: dueHasTime, rule: repeat.rule, skipped: skipped ? 1 : 0, done_at: iso(now) })
      .execute();
    return nextOccurrence(repeat, due, now);
  };

  const hasList = async (listId: string) =>
    (await db.selectFrom("list").select("id").where("id", "=", listId).where("user_id", "=", userId).executeTakeFirst()) !== undefined;

  return {
    async list(input: ListTasksInput): Promise<TaskPage> {
      const cursor = input.cursor ? decodeCursor(input.sort, input.cursor) : null;
      if (input.cursor && !cursor) throw new InvalidCursorError("Invalid cursor");

      let query = own().where(inScope(input));
      if (input.filter !== "all") query = query.where("completed", "=", input.filter === "completed" ? 1 : 0);
      if (cursor) query = query.where((eb) => afterCursor(eb, input.sort, cursor));
      for (const term of orderTerms(input.sort)) query = query.orderBy(term.expr, term.direction);

      // One row more than asked tells whether another page exists without a count query.
      const rows = await query.limit(input.limit + 1).execute();
      const page = rows.slice(0, input.limit);
      const last = page.at(-1);
      return {
        items: await toTasks(db, userId, page),
        nextCursor: rows.length > input.limit && last ? encodeCursor(input.sort, last) : null,
      };
    },

    async byId(id: string): Promise<Task | undefined> {
      const row = await own().where("id", "=", id).executeTakeFirst();
      return row && toTaskWithLabels(db, userId, row);
    },

    /** @throws {TaskQuotaExceededError} when the user already has `quota` tasks. */
    async create(input: CreateTaskInput): Promise<Task> {
      // Taken at the call, so creation order is call order even when the lock below makes calls wait.
      const id = uuidv7();
      const now = iso(clock());
      // The quota is a check-then-write: the same user's concurrent creates take turns (user-lock.ts).
      const labelIds = input.labelIds ?? [];
      checkOccurs(input.repeat, input.dueDate ?? clock());
      const repeat = repeatColumns(input.repeat);
      const task = await inTransaction(db, async (trx) => {
        await lockUser(trx, userId);
        // Sent again (after the user lock, so two at once see each other): the first one's task.
        if (input.idempotencyKey) {
          const made = await createdWith(trx, input.idempotencyKey);
          if (made) return made;
        }
        if (!(await ownsLabels(trx, userId, labelIds))) throw new LabelNotFoundError();
        // Last in "My order".
        const position = generateKeyBetween(await lastPosition(trx), null);
        const inserted = await trx
          .insertInto("task")
          .columns(TASK_COLUMNS)
          .expression(
            trx
              .selectNoFrom((eb) => [
                eb.val(id).as("id"),
                eb.val(userId).as("user_id"),
                eb.val(input.title).as("title"),
                eb.val(input.notes ?? null).as("notes"),
                eb.val(0).as("completed"),
                eb.val(priorityRank(input.priority ?? "none")).as("priority"),
                eb.val(input.dueDate ? iso(input.dueDate) : null).as("due_date"),
                eb.val(now).as("created_at"),
                eb.val(now).as("updated_at"),
                eb.val(null).as("completed_at"),
                eb.val(0).as("subtask_count"),
                eb.val(0).as("subtask_done"),
                eb.val(input.dueDate && input.dueHasTime ? 1 : 0).as("due_has_time"),
                eb.val(position).as("position"),
                eb.val(repeat.repeat_rule).as("repeat_rule"),
                eb.val(repeat.repeat_from_done).as("repeat_from_done"),
                eb.val(repeat.repeat_tz).as("repeat_tz"),
                eb.val(input.idempotencyKey ?? null).as("create_key"),
                eb.val(input.listId ?? null).as("list_id"),
              ])
              .where(ownList(input.listId ?? null))
              .where(underQuota(trx)),
          )
          .returningAll()
          .executeTakeFirst();
        if (!inserted) return undefined;
        // A label deleted since the check above: the same answer as one that never was.
        if (!(await setTaskLabels(trx, userId, id, labelIds))) throw new LabelNotFoundError();
        const created = toTask(inserted, [...labelIds].sort());
        await record(trx, { type: "task.upserted", task: created });
        return created;
      });
      if (!task) {
        // One of the two conditions failed: say which.
        if (input.listId && !(await hasList(input.listId))) throw new ListNotFoundError();
        throw new TaskQuotaExceededError(quota);
      }
      return task;
    },

    /**
     * Creates `items` in this order (ids and creation times ascending), all or none, with the quota
     * held for the whole batch. The caller vouches that every `listId` is one of the user's lists (in the
     * same transaction). Resolves how many were created.
     * @throws {TaskQuotaExceededError} when they would take the user past the quota.
     */
    async insertMany(items: readonly (CreateTaskInput & { completed?: boolean; position?: string; subtasks?: readonly ImportedSubtask[] })[]): Promise<number> {
      // The caller vouches for the lists and labels (the import makes or matches them in the same transaction).
      const now = iso(clock());
      return inTransaction(db, async (trx) => {
        await lockUser(trx, userId);
        const existing = Number((await taskCount(trx).executeTakeFirstOrThrow()).n);
        if (existing + items.length > quota) throw new TaskQuotaExceededError(quota);
        // After the user's tasks, in the order of the items' own positions (as bytes; none: last, as given).
        const keys = generateNKeysBetween(await lastPosition(trx), null, items.length);
        const ranked = items.map((item, i) => ({ key: item.position, i })).sort((a, b) => bytewise(a.key, b.key) || a.i - b.i);
        const positions: string[] = [];
        ranked.forEach(({ i }, rank) => (positions[i] = keys[rank]!));
        const rows = items.map((item, i) => ({
          id: uuidv7(),
          user_id: userId,
          title: item.title,
          notes: item.notes ?? null,
          completed: item.completed ? 1 : 0,
          priority: priorityRank(item.priority ?? "none"),
          due_date: item.dueDate ? iso(item.dueDate) : null,
          created_at: now,
          updated_at: now,
          completed_at: item.completed ? now : null,
          list_id: item.listId ?? null,
          subtask_count: item.subtasks?.length ?? 0,
          subtask_done: item.subtasks?.filter((subtask) => subtask.completed).length ?? 0,
          due_has_time: item.dueDate && item.dueHasTime ? 1 : 0,
          position: positions[i]!,
          ...repeatColumns(item.dueDate ? item.repeat : null),
        }));
        const subtasks = rows.flatMap((row, i) => newSubtaskRows(userId, row.id, items[i]!.subtasks ?? [], now));
        const links = rows.flatMap((row, i) => (items[i]!.labelIds ?? []).map((labelId) => ({ task_id: row.id, label_id: labelId, user_id: userId })));
        // In chunks: SQLite binds at most 32,766 parameters per statement (17 a row).
        for (let i = 0; i < rows.length; i += INSERT_CHUNK) await trx.insertInto("task").values(rows.slice(i, i + INSERT_CHUNK)).execute();
        for (let i = 0; i < subtasks.length; i += INSERT_CHUNK) await trx.insertInto("subtask").values(subtasks.slice(i, i + INSERT_CHUNK)).execute();
        for (let i = 0; i < links.length; i += INSERT_CHUNK) await trx.insertInto("task_label").values(links.slice(i, i + INSERT_CHUNK)).execute();
        // Many rows at once: one event telling clients to refetch, not one per task.
        if (rows.length > 0) await record(trx, { type: "resync" });
        return rows.length;
      });
    },

    /** Applies the given fields in one statement; `completedAt` follows `completed`. */
    async update({ id, ...fields }: UpdateTaskInput): Promise<Task | undefined> {
      const now = iso(clock());
      const changes: TaskRowUpdate = {};
      if (fields.title !== undefined) changes.title = fields.title;
      if (fields.notes !== undefined) changes.notes = fields.notes;
      if (fields.priority !== undefined) changes.priority = priorityRank(fields.priority);
      if (fields.dueDate !== undefined) {
        changes.due_date = fields.dueDate && iso(fields.dueDate);
        changes.due_has_time = fields.dueDate && fields.dueHasTime ? 1 : 0;
      }
      if (fields.listId !== undefined) changes.list_id = fields.listId;
      if (Object.keys(changes).length === 0 && fields.completed === undefined && fields.labelIds === undefined && fields.repeat === undefined) return this.byId(id);

      const task = await inTransaction(db, async (trx) => {
        if (fields.labelIds && !(await ownsLabels(trx, userId, fields.labelIds))) throw new LabelNotFoundError();
        let completed = fields.completed;
        if (fields.repeat !== undefined || fields.dueDate === null || completed === true) {
          // The repeat depends on the row as it is: read it under the user's lock (two tabs completing
          // the same occurrence must not both move the task on).
          await lockUser(trx, userId);
          const current = await trx.selectFrom("task").selectAll().where("id", "=", id).where("user_id", "=", userId).executeTakeFirst();
          if (!current) return undefined;
          const due = fields.dueDate !== undefined ? fields.dueDate : current.due_date === null ? null : new Date(current.due_date);
          if (fields.repeat) {
            if (!due) throw new RepeatError("A repeating task needs a due date");
            checkOccurs(fields.repeat, due);
          }
          // No due date, no repeat: clearing the date stops it.
          if (fields.repeat !== undefined || due === null) Object.assign(changes, repeatColumns(due ? fields.repeat : null));
          const rule = changes.repeat_rule !== undefined ? changes.repeat_rule : current.repeat_rule;
          if (completed === true && current.completed === 0 && rule && due) {
            const repeat = { rule, fromCompletion: (changes.repeat_from_done ?? current.repeat_from_done) === 1, timeZone: (changes.repeat_tz ?? current.repeat_tz)! };
            const next = await advance(trx, id, repeat, due, changes.due_has_time ?? current.due_has_time, false);
            // Moved on to the next occurrence, still to do; or the series is over and it is done.
            if (next) completed = undefined;
            Object.assign(changes, next ? { due_date: iso(next.due), repeat_rule: next.rule } : { repeat_rule: null });
          }
        }
        const updated = await trx
          .updateTable("task")
          .set((eb) => ({
            ...changes,
            ...(completed !== undefined && {
              completed: completed ? 1 : 0,
              // Completing an already completed task keeps the moment it was first completed.
              completed_at: completed
                ? eb.case().when("completed", "=", 1).then(eb.ref("completed_at")).else(now).end()
                : null,
            }),
            updated_at: now,
          }))
          .where("id", "=", id)
          .where("user_id", "=", userId)
          .where(ownList(fields.listId ?? null))
          .returningAll()
          .executeTakeFirst();
        if (!updated) return undefined;
        if (fields.labelIds && !(await setTaskLabels(trx, userId, id, fields.labelIds))) throw new LabelNotFoundError();
        const changed = await toTaskWithLabels(trx, userId, updated);
        await record(trx, { type: "task.upserted", task: changed });
        return changed;
      });
      // No row: the task is not the user's (undefined: NOT_FOUND), or the list is not.
      if (!task && fields.listId && (await this.byId(id))) throw new ListNotFoundError();
      return task;
    },

    /**
     * Skips a repeating task's current occurrence: recorded as skipped, the task moves to the next due date
     * (or, when the series is over, is done). `undefined` for a task that is not the user's.
     * @throws {RepeatError} when the task does not repeat (or is done).
     */
    async skipOccurrence(id: string): Promise<Task | undefined> {
      return inTransaction(db, async (trx) => {
        await lockUser(trx, userId);
        const current = await trx.selectFrom("task").selectAll().where("id", "=", id).where("user_id", "=", userId).executeTakeFirst();
        if (!current) return undefined;
        if (!current.repeat_rule || !current.repeat_tz || !current.due_date || current.completed === 1) throw new RepeatError("This task does not repeat: there is no occurrence to skip");
        const repeat = { rule: current.repeat_rule, fromCompletion: current.repeat_from_done === 1, timeZone: current.repeat_tz };
        const next = await advance(trx, id, repeat, new Date(current.due_date), current.due_has_time, true);
        const now = iso(clock());
        const updated = await trx
          .updateTable("task")
          .set(next ? { due_date: iso(next.due), repeat_rule: next.rule, updated_at: now } : { repeat_rule: null, completed: 1, completed_at: now, updated_at: now })
          .where("id", "=", id)
          .where("user_id", "=", userId)
          .returningAll()
          .executeTakeFirstOrThrow();
        const task = await toTaskWithLabels(trx, userId, updated);
        await record(trx, { type: "task.upserted", task });
        return task;
      });
    },

    /**
     * Undoes the last completion or skip of a repeating task: its due date and rule come back, and the
     * occurrence leaves the history. `undefined` for a task that is not the user's.
     * @throws {NoOccurrenceError} when it has no occurrence left to undo.
     */
    async undoOccurrence(id: string): Promise<Task | undefined> {
      return inTransaction(db, async (trx) => {
        await lockUser(trx, userId);
        const current = await trx.selectFrom("task").select("id").where("id", "=", id).where("user_id", "=", userId).executeTakeFirst();
        if (!current) return undefined;
        const last = await trx.selectFrom("task_occurrence").selectAll().where("user_id", "=", userId).where("task_id", "=", id).orderBy("done_at", "desc").orderBy("id", "desc").limit(1).executeTakeFirst();
        if (!last) throw new NoOccurrenceError();
        await trx.deleteFrom("task_occurrence").where("id", "=", last.id).execute();
        const updated = await trx
          .updateTable("task")
          .set({ due_date: last.due_date, due_has_time: last.due_has_time, repeat_rule: last.rule, completed: 0, completed_at: null, updated_at: iso(clock()) })
          .where("id", "=", id)
          .where("user_id", "=", userId)
          .returningAll()
          .executeTakeFirstOrThrow();
        const task = await toTaskWithLabels(trx, userId, updated);
        await record(trx, { type: "task.upserted", task });
        return task;
      });
    },

    /**
     * Puts a task right after `afterId` in "My order" (`null`: first), by giving it a fractional index
     * between its new neighbours: one row written. Moves take turns per user (the user's lock), so two
     * tabs moving at once each see the other's result and never give two tasks the same place.
     * `undefined` when either task is not the user's (or they are the same).
     */
    async move(id: string, afterId: string | null): Promise<Task | undefined> {
      if (id === afterId) return undefined;
      const now = iso(clock());
      return inTransaction(db, async (trx) => {
        await lockUser(trx, userId);
        const others = () => trx.selectFrom("task").select("position").where("user_id", "=", userId).where("id", "!=", id);
        const after = afterId === null ? null : await others().where("id", "=", afterId).executeTakeFirst();
        if (after === undefined) return undefined;
        // The first task after the new place (strictly after, so the new key falls between two different keys).
        const next = await (after ? others().where("position", ">", after.position) : others()).orderBy("position").orderBy("id").limit(1).executeTakeFirst();
        const position = generateKeyBetween(after?.position ?? null, next?.position ?? null);
        const updated = await trx.updateTable("task").set({ position, updated_at: now }).where("id", "=", id).where("user_id", "=", userId).returningAll().executeTakeFirst();
        if (!updated) return undefined;
        const task = await toTaskWithLabels(trx, userId, updated);
        await record(trx, { type: "task.upserted", task });
        return task;
      });
    },

    /**
     * Deletes a task, keeping it restorable for the undo window. Two writes in one transaction, the
     * first of which takes the write lock: no read-then-write upgrade.
     */
    async delete(id: string): Promise<boolean> {
      return inTransaction(db, async (trx) => {
        const moved = await moveToDeleted(trx, null, (query) => query.where("id", "=", id));
        if (moved > 0) await record(trx, { type: "task.deleted", id });
        return moved > 0;
      });
    },

    /** Brings back a task deleted within the undo window, with its id and place; `undefined` otherwise. */
    async restore(id: string): Promise<Task | undefined> {
      return inTransaction(db, async (trx) => {
        const count = await restoreDeleted(trx, (query) => query.where("id", "=", id));
        if (count === 0) return undefined;
        const task = await toTaskWithLabels(trx, userId, await trx.selectFrom("task").selectAll().where("id", "=", id).where("user_id", "=", userId).executeTakeFirstOrThrow());
        await record(trx, { type: "task.upserted", task });
        return task;
      });
    },

    /**
     * Deletes every task of list `listId`, restorable together under the list's id (`restoreBatch(listId)`).
     * Records no change: the list's deletion does (`list.deleted` and a `resync`).
     */
    async deleteInList(listId: string): Promise<number> {
      return inTransaction(db, (trx) => moveToDeleted(trx, listId, (query) => query.where("list_id", "=", listId)));
    },

    /**
     * Brings back every task of one bulk delete (`clearCompleted`'s `undoId`, or a list deleted with its
     * tasks) still within the undo window, all or none; resolves how many.
     */
    async restoreBatch(batchId: string): Promise<number> {
      return inTransaction(db, async (trx) => {
        const count = await restoreDeleted(trx, (query) => query.where("batch_id", "=", batchId));
        if (count > 0) await record(trx, { type: "resync" });
        return count;
      });
    },

    /** Marks every task in `scope` completed (or active); returns how many changed. */
    async setAllCompleted(completed: boolean, scope: ListScope = {}): Promise<number> {
      const now = iso(clock());
      return inTransaction(db, async (trx) => {
        const result = await trx
          .updateTable("task")
          .set({ completed: completed ? 1 : 0, completed_at: completed ? now : null, updated_at: now })
          .where("user_id", "=", userId)
          .where("completed", "=", completed ? 0 : 1)
          .where(inScope(scope))
          .executeTakeFirst();
        const count = Number(result.numUpdatedRows);
        if (count > 0) await record(trx, { type: "resync" });
        return count;
      });
    },

    /**
     * Deletes every completed task, keeping them restorable for the undo window, together under
     * `batchId` (`restoreBatch(batchId)`) when one is given; returns how many were deleted.
     */
    async clearCompleted(scope: ListScope = {}, batchId: string | null = null): Promise<number> {
      return inTransaction(db, async (trx) => {
        const count = await moveToDeleted(trx, batchId, (query) => query.where("completed", "=", 1).where(inScope(scope)));
        if (count > 0) await record(trx, { type: "resync" });
        return count;
      });
    },

    /** Counts over the tasks in `scope` (not just a loaded page). */
    async stats(scope: ListScope = {}): Promise<TaskStats> {
      const now = iso(clock());
      const row = await db
        .selectFrom("task")
        .where("user_id", "=", userId)
        .where(inScope(scope))
        .select((eb) => [
          eb.fn.countAll().as("total"),
          eb.fn.sum<number | string | null>("completed").as("completed"),
          eb.fn
            .sum<number | string | null>(
              eb.case().when(eb.and([eb("completed", "=", 0), eb("due_date", "<", now)])).then(1).else(0).end(),
            )
            .as("overdue"),
        ])
        .executeTakeFirstOrThrow();
      // PostgreSQL returns counts and sums as strings, SQLite as numbers (or null for an empty sum).
      const total = Number(row.total);
      const completed = Number(row.completed ?? 0);
      return { total, active: total - completed, completed, overdue: Number(row.overdue ?? 0) };
    },
  };
}

/** The repository type routers receive. */
export type TaskRepository = ReturnType<typeof taskRepository>;
