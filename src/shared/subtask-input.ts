import { z } from "zod";
import { TASK_LIMITS } from "./task-fields";
import { withoutControls } from "./text";

/** Most subtasks one task may have whatever the configuration says (`SUBTASKS_PER_TASK_MAX` lowers it). */
export const SUBTASKS_HARD_MAX = 1_000;

const id = z.string().min(1).max(64);

/** A subtask's title: a task title's rules. */
export const subtaskTitle = z
  .string()
  .trim()
  .min(1, "Subtask must not be empty")
  .max(TASK_LIMITS.titleMax, `Subtask must be at most ${TASK_LIMITS.titleMax} characters`)
  .refine(...withoutControls("Subtask"));

/** `subtask.list`: the checklist of one task. */
export const subtaskListInput = z.object({ taskId: id });

/** `subtask.create`: a new item at the end of the task's checklist. */
export const createSubtaskInput = z.object({ taskId: id, title: subtaskTitle });
export type CreateSubtaskInput = z.output<typeof createSubtaskInput>;

export const updateSubtaskInput = z.object({ id, title: subtaskTitle.optional(), completed: z.boolean().optional() });
export type UpdateSubtaskInput = z.output<typeof updateSubtaskInput>;

export const subtaskIdInput = z.object({ id });

/** `subtask.move`: put the item right after `afterId` (another item of the same task), or first when it is null or absent. */
export const moveSubtaskInput = z.object({ id, afterId: id.nullish() });
export type MoveSubtaskInput = z.output<typeof moveSubtaskInput>;

/** One checklist item in an import file. */
export const importedSubtaskInput = z.object({ title: subtaskTitle, completed: z.boolean().optional() });
export type ImportedSubtask = z.output<typeof importedSubtaskInput>;
