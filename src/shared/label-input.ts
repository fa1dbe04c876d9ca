import { z } from "zod";
import { LABEL_COLORS, LABEL_LIMITS, labelNameProblem } from "./label-rules";

export { LABEL_COLORS, LABEL_LIMITS, labelNameProblem, type LabelColor } from "./label-rules";

/** A label's id; another user's label is a missing one. */
export const labelId = z.string().min(1).max(64);

/** A label's name, trimmed: the rules of {@link labelNameProblem} (the page checks with the same function). */
export const labelName = z
  .string()
  .trim()
  .superRefine((name, ctx) => {
    const problem = labelNameProblem(name);
    if (problem) ctx.addIssue({ code: "custom", message: problem });
  });

const color = z.enum(LABEL_COLORS);

/** A task's labels, by id: a set (repeats count once), at most `LABEL_LIMITS.perTaskHardMax` (`LABELS_PER_TASK_MAX` lowers it). */
export const labelIds = z
  .array(labelId)
  .max(LABEL_LIMITS.perTaskHardMax, `At most ${LABEL_LIMITS.perTaskHardMax} labels per task`)
  .transform((ids) => [...new Set(ids)]);

export const createLabelInput = z.object({ name: labelName, color: color.default("gray") });
export type CreateLabelInput = z.output<typeof createLabelInput>;
export const updateLabelInput = z.object({ id: labelId, name: labelName.optional(), color: color.optional() });
export type UpdateLabelInput = z.output<typeof updateLabelInput>;
export const labelIdInput = z.object({ id: labelId });

/** A label as an export file describes it. */
export const importedLabelInput = z.object({ name: labelName, color: color.optional() });
