import type { Migration } from "kysely";
import { createTask } from "./0001_create_task";
import { createDeletedTask } from "./0002_create_deleted_task";
import { createList } from "./0003_create_list";
import { createApiRateLimit } from "./0004_create_api_rate_limit";
import { createBulkUndo } from "./0005_create_bulk_undo";
import { createChangeLog } from "./0006_create_change_log";
import { createSubtask } from "./0007_create_subtask";
import { createLabel } from "./0008_create_label";
import { addDueTime } from "./0009_add_due_time";
import { addTaskPosition } from "./0010_add_task_position";
import { addRepeat } from "./0011_add_repeat";
import { indexTaskLabelByTask } from "./0012_index_task_label_by_task";
import { addTaskCreateKey } from "./0013_add_task_create_key";

/**
 * Every app migration, by name, in the order they run.
 *
 * A static list rather than Kysely's FileMigrationProvider: that one imports files at run time,
 * which fails for `.ts` files under plain Node and inside `next start`. Add new migrations here.
 */
export const migrations: Record<string, Migration> = {
  "0001_create_task": createTask,
  "0002_create_deleted_task": createDeletedTask,
  "0003_create_list": createList,
  "0004_create_api_rate_limit": createApiRateLimit,
  "0005_create_bulk_undo": createBulkUndo,
  "0006_create_change_log": createChangeLog,
  "0007_create_subtask": createSubtask,
  "0008_create_label": createLabel,
  "0009_add_due_time": addDueTime,
  "0010_add_task_position": addTaskPosition,
  "0011_add_repeat": addRepeat,
  "0012_index_task_label_by_task": indexTaskLabelByTask,
  "0013_add_task_create_key": addTaskCreateKey,
};
