import { z } from "zod";
import { LIST_LIMITS, PRIORITIES, TASK_FILTERS, TASK_LIMITS, TASK_SORTS } from "./task-fields";
import { importedLabelInput, labelId, labelIds, labelName as labelNameInput, LABEL_LIMITS } from "./label-input";
import { importedSubtaskInput, SUBTASKS_HARD_MAX } from "./subtask-input";
import { TEXT_CONTROLS, withoutControls } from "./text";
import { repeatInput } from "./repeat-input";

export { withoutControls };

/** Ids are server-generated UUIDs; anything longer is not one of ours. */
const taskId = z.string().min(1).max(64);

const title = z
  .string()
  .trim()
  .min(1, "Title must not be empty")
  .max(TASK_LIMITS.titleMax, `Title must be at most ${TASK_LIMITS.titleMax} characters`)
  .refine(...withoutControls("Title"));

/** Empty notes are stored as no notes. */
const notes = z
  .string()
  .max(TASK_LIMITS.notesMax, `Notes must be at most ${TASK_LIMITS.notesMax} characters`)
  .refine(...withoutControls("Notes", TEXT_CONTROLS))
  .transform((value) => (value.trim() === "" ? null : value))
  .nullable();

// Bounded so the stored ISO string keeps its fixed width (and so its text order is time order).
const dueDate = z
  .date()
  .min(new Date("1970-01-01T00:00:00.000Z"), "Due date must be after 1970")
  .max(new Date("9999-12-31T23:59:59.999Z"), "Due date must be before 10000")
  .nullable();

const priority = z.enum(PRIORITIES);

/** A list's id; `null` is the Inbox (tasks in no list). Another user's list is a missing one. */
export const listId = z.string().min(1).max(64).nullable();

/**
 * Which tasks an operation covers, as the page's view narrows them: `listId` omitted, every list's;
 * `null`, the Inbox's; an id, that list's. `search` (title or notes), `dueFrom` and `dueBefore` (tasks
 * without a due date are left out) narrow further. `task.list` takes the same, so counts, "mark all" and
 * "clear completed" describe exactly the tasks on screen.
 */
const scope = {
  listId: listId.optional(),
  search: z.string().trim().max(TASK_LIMITS.searchMax).refine(...withoutControls("Search")).optional(),
  /** Only tasks due at or after this moment (tasks without a due date are left out). */
  dueFrom: z.date().optional(),
  /** Only tasks due before this moment (tasks without a due date are left out). */
  dueBefore: z.date().optional(),
  /** Only tasks with this label. */
  labelId: labelId.optional(),
};
/** `.refine(...dueRangeInOrder)`: a due range, when both ends are given, runs forwards. */
const dueRangeInOrder: [(input: { dueFrom?: Date; dueBefore?: Date }) => boolean, { message: string; path: string[] }] = [
  (input) => !input.dueFrom || !input.dueBefore || input.dueFrom < input.dueBefore,
  { message: "dueFrom must be before dueBefore", path: ["dueBefore"] },
];

export const taskIdInput = z.object({ id: taskId });

/** `task.move`: put the task right after `afterId` in "My order", or first when it is null or absent. */
export const moveTaskInput = z.object({ id: taskId, afterId: taskId.nullish() });

/** Whether `dueDate` carries a time the user chose (else it is a day: that local day's last moment). Only with a `dueDate`. */
const dueHasTime = z.boolean();
/** `.refine(...timeNeedsDate)`: `dueHasTime` comes with the `dueDate` it describes. */
const timeNeedsDate: [(input: { dueDate?: Date | null; dueHasTime?: boolean }) => boolean, { message: string; path: string[] }] = [
  (input) => input.dueHasTime === undefined || input.dueDate !== undefined,
  { message: "dueHasTime needs the dueDate it describes", path: ["dueHasTime"] },
];

/** `.refine(...repeatNeedsDate)`: a repeat counts from a due date, so a new task that repeats has one. */
const repeatNeedsDate: [(input: { dueDate?: Date | null; repeat?: unknown }) => boolean, { message: string; path: string[] }] = [
  (input) => !input.repeat || Boolean(input.dueDate),
  { message: "A repeating task needs a due date", path: ["repeat"] },
];

export const createTaskInput = z.object({
  title,
  notes: notes.optional(),
  dueDate: dueDate.optional(),
  dueHasTime: dueHasTime.optional(),
  priority: priority.optional(),
  /** The list to put it in; omitted or null: the Inbox. */
  listId: listId.optional(),
  /** Its labels (the user's, at most `LABELS_PER_TASK_MAX`). */
  labelIds: labelIds.optional(),
  /** How it repeats (needs a `dueDate`); completing it then moves it to the next due date. */
  repeat: repeatInput.nullish(),
  /**
   * A key the client makes once per new task (16 to 64 of `A-Z a-z 0-9 _ -`): a create sent again with
   * the same key returns the task the first one made (also one deleted since, while its Undo lasts).
   */
  idempotencyKey: z.string().regex(/^[A-Za-z0-9_-]{16,64}$/, "16 to 64 letters, digits, '_' or '-'").optional(),
}).refine(...timeNeedsDate).refine(...repeatNeedsDate);
export type CreateTaskInput = z.output<typeof createTaskInput>;

export const updateTaskInput = z.object({
  id: taskId,
  title: title.optional(),
  notes: notes.optional(),
  completed: z.boolean().optional(),
  dueDate: dueDate.optional(),
  /** Set with `dueDate` (omitted: a day); a new `dueDate` without it is a day. */
  dueHasTime: dueHasTime.optional(),
  priority: priority.optional(),
  /** Moves the task to this list (null: to the Inbox). */
  listId: listId.optional(),
  /** Its labels from now on (the whole set; `[]` removes them all). */
  labelIds: labelIds.optional(),
  /** How it repeats from now on (`null`: stop repeating); the task must have a due date. A `dueDate` of null stops it too. */
  repeat: repeatInput.nullable().optional(),
}).refine(...timeNeedsDate);
export type UpdateTaskInput = z.output<typeof updateTaskInput>;

// Not strict: tRPC's infinite-query helpers add a `direction` key and send `cursor: null` first.
export const listTasksInput = z
  .object({
    filter: z.enum(TASK_FILTERS).default("all"),
    ...scope,
    sort: z.enum(TASK_SORTS).default("created"),
    cursor: z.string().max(TASK_LIMITS.cursorMax).nullish(),
    limit: z.number().int().min(1).max(TASK_LIMITS.pageSizeMax).default(TASK_LIMITS.pageSizeDefault),
  })
  .refine(...dueRangeInOrder)
  .default({ filter: "all", sort: "created", limit: TASK_LIMITS.pageSizeDefault });
export type ListTasksInput = z.output<typeof listTasksInput>;

export const toggleAllInput = z.object({ completed: z.boolean(), ...scope }).refine(...dueRangeInOrder);

/** Input of the operations over many tasks (`stats`, `clearCompleted`): the view's scope. */
export const listScopeInput = z.object(scope).refine(...dueRangeInOrder).default({});

/** Most tasks one `task.import` may carry whatever the configuration says (`TASK_IMPORT_MAX` lowers it). */
export const IMPORT_TASKS_HARD_MAX = 100_000;

/** A list's name (after trimming); in an import file, matched to the user's lists ignoring case, or made. */
export const listName = z
  .string()
  .trim()
  .min(1, "List name must not be empty")
  .max(LIST_LIMITS.nameMax, `List name must be at most ${LIST_LIMITS.nameMax} characters`)
  .refine(...withoutControls("List name"));

/** One task of an import: what `create` takes, its done state, and its list by name (null or absent: the Inbox). */
export const importedTaskInput = z.object({
  title,
  notes: notes.optional(),
  dueDate: dueDate.optional(),
  dueHasTime: dueHasTime.optional(),
  priority: priority.optional(),
  completed: z.boolean().optional(),
  list: listName.nullish(),
  /** Its labels by name, matched to the user's ignoring case or made (`LABELS_PER_TASK_MAX` applies). */
  labels: z.array(labelNameInput).max(LABEL_LIMITS.perTaskHardMax, `At most ${LABEL_LIMITS.perTaskHardMax} labels per task`).optional(),
  /**
   * Its place in "My order" where it was exported: only how the file's positions compare matters (the
   * tasks are placed after the user's own, in that order; tasks without one after those with one).
   */
  position: z.string().max(1000).optional(),
  /** How it repeats (with its `dueDate`). */
  repeat: repeatInput.nullish(),
  /** Its checklist, in order (`SUBTASKS_PER_TASK_MAX` applies). */
  subtasks: z.array(importedSubtaskInput).max(SUBTASKS_HARD_MAX, `At most ${SUBTASKS_HARD_MAX} subtasks per task`).optional(),
});
export type ImportedTask = z.output<typeof importedTaskInput>;

/** `task.import`: every task of a file, created in one transaction (all or none), in this order. */
export const importTasksInput = z.object({
  /** The colours of the labels the tasks name (a label made by the import takes its colour from here). */
  labels: z.array(importedLabelInput).max(IMPORT_TASKS_HARD_MAX).optional(),
  tasks: z.array(importedTaskInput).min(1, "Nothing to import").max(IMPORT_TASKS_HARD_MAX, `At most ${IMPORT_TASKS_HARD_MAX} tasks per import`),
});

/** `clearCompleted`'s input: a list scope, and the id its Undo will name (`task.restoreBatch`). */
export const clearCompletedInput = z.object({ ...scope, undoId: z.uuid().optional() }).refine(...dueRangeInOrder).default({});

/** `restoreBatch`'s input: the `undoId` a `clearCompleted` was given. */
export const restoreBatchInput = z.object({ undoId: z.uuid() });
export type ListScope = z.output<typeof listScopeInput>;
