import type { ColumnType, Generated, Insertable, Selectable, Updateable } from "kysely";

/**
 * The tables the app queries, as Kysely sees them.
 *
 * Values are stored portably: booleans as integer 0/1 and timestamps as ISO-8601 UTC text, because
 * better-sqlite3 binds neither `boolean` nor `Date`. The repository converts at its edge.
 */
export interface Database {
  /** Owned by Better Auth (camelCase columns); only the columns the app reads are typed. */
  user: UserTable;
  /** Owned by Better Auth: a signed-in device. Access tokens name theirs (`sid`), so ending it ends them. */
  session: SessionTable;
  /** Owned by Better Auth's jwt plugin: the signing keys (private halves encrypted with the secret). */
  jwks: JwksTable;
  task: TaskTable;
  deleted_task: DeletedTaskTable;
  task_occurrence: TaskOccurrenceTable;
  list: ListTable;
  deleted_list: DeletedListTable;
  sync_cursor: SyncCursorTable;
  change_log: ChangeLogTable;
  subtask: SubtaskTable;
  label: LabelTable;
  task_label: TaskLabelTable;
}

export interface UserTable {
  id: string;
  email: string;
  name: string;
  /** 0/1 on SQLite, a boolean on PostgreSQL. */
  emailVerified: number | boolean;
}

/** The columns of Better Auth's session table the API reads. */
export interface SessionTable {
  id: string;
  userId: string;
}

export interface JwksTable {
  id: string;
  /** JSON of the encrypted private JWK (tests read it to forge tokens with a retired key). */
  privateKey: string;
  /** Better Auth's dates: ISO-8601 UTC text on SQLite, `timestamptz` (read as a `Date`) on PostgreSQL; written as ISO text on both. */
  createdAt: ColumnType<string | Date, string, string>;
  /** When the key stops signing (null: never); it still verifies for the grace period after that. */
  expiresAt: ColumnType<string | Date | null, string | null, string | null>;
}

export interface TaskTable {
  id: string;
  user_id: string;
  title: string;
  notes: string | null;
  /** 0 or 1. */
  completed: Generated<number>;
  /** 0 none, 1 low, 2 medium, 3 high: an integer so "sort by priority" is a plain index order. */
  priority: Generated<number>;
  /** ISO-8601 UTC timestamp or null. */
  due_date: string | null;
  /** 1: the user set a time; 0: only a day (`due_date` is then that local day's last moment). */
  due_has_time: Generated<number>;
  created_at: ColumnType<string, string, never>;
  updated_at: string;
  completed_at: string | null;
  /** The task's list, or null for the Inbox. */
  list_id: ColumnType<string | null, string | null | undefined, string | null>;
  /** How many subtasks the task has, and how many of them are done (kept by the subtask repository). */
  subtask_count: Generated<number>;
  subtask_done: Generated<number>;
  /** Its place in "My order": a fractional index, compared as bytes (`collate "C"` on PostgreSQL). */
  position: string;
  /** How it repeats: an RFC 5545 RRULE without DTSTART, or null. */
  repeat_rule: string | null;
  /** 1: counted from completion; 0: from the due date. */
  repeat_from_done: Generated<number>;
  /** The IANA time zone the rule is read in (the user's when it was set). */
  repeat_tz: string | null;
  /** The idempotency key its `task.create` carried (unique per user), or null. */
  create_key: ColumnType<string | null, string | null | undefined, string | null>;
}

/** A completed (or skipped) occurrence of a repeating task: what the task had before it moved on. */
export interface TaskOccurrenceTable {
  id: string;
  user_id: string;
  task_id: string;
  due_date: string;
  due_has_time: number;
  rule: string;
  /** 1: skipped rather than done. */
  skipped: number;
  done_at: string;
}

/** One item of a task's checklist. `task_id` has no foreign key: the task may be in `deleted_task` for a while. */
export interface SubtaskTable {
  id: string;
  user_id: string;
  task_id: string;
  title: string;
  /** 0 or 1. */
  completed: Generated<number>;
  /** A fractional index: the checklist's order is these strings' byte order. */
  position: string;
  created_at: ColumnType<string, string, never>;
  updated_at: string;
}

export type SubtaskRow = Selectable<SubtaskTable>;

/** A user's label; names are unique per user, ignoring case. `color`: one of `LABEL_COLORS`. */
export interface LabelTable {
  id: string;
  user_id: string;
  name: string;
  color: string;
  created_at: ColumnType<string, string, never>;
  updated_at: string;
}

export type LabelRow = Selectable<LabelTable>;

/** Which task carries which label (`task_id` without a foreign key: the task may be in `deleted_task`). */
export interface TaskLabelTable {
  task_id: string;
  label_id: string;
  user_id: string;
}

/** A user's task list (project); names are unique per user, ignoring case. */
export interface ListTable {
  id: string;
  user_id: string;
  name: string;
  created_at: ColumnType<string, string, never>;
  updated_at: string;
}

export type ListRow = Selectable<ListTable>;

/** A deleted task, restorable until `deleted_at` is older than the undo window. */
export interface DeletedTaskTable extends Omit<TaskTable, "completed" | "priority" | "created_at" | "subtask_count" | "subtask_done" | "due_has_time" | "repeat_from_done"> {
  repeat_from_done: number;
  due_has_time: number;
  completed: number;
  priority: number;
  subtask_count: number;
  subtask_done: number;
  created_at: string;
  deleted_at: string;
  /** The bulk delete that removed it: a "Clear completed" (its own id) or a list deleted with its tasks (the list's id). */
  batch_id: string | null;
}

/** A deleted list, restorable (with the tasks deleted with it) until `deleted_at` is older than the undo window. */
export interface DeletedListTable {
  id: string;
  user_id: string;
  name: string;
  created_at: string;
  updated_at: string;
  deleted_at: string;
}

export type TaskRow = Selectable<TaskTable>;
export type NewTaskRow = Insertable<TaskTable>;
export type TaskRowUpdate = Updateable<TaskTable>;

/** The number of a user's last change (their change log counts 1, 2, 3…). */
export interface SyncCursorTable {
  user_id: string;
  last_seq: number;
}

/** One change of one user's data, as `sync.changes` delivers it (`event`: superjson of a `SyncEvent`). */
export interface ChangeLogTable {
  user_id: string;
  seq: number;
  event: string;
  /** ISO-8601 UTC; the log is pruned after `SYNC_RETENTION_SECONDS`. */
  created_at: string;
}
