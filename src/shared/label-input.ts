import { z } from "zod";
import { withoutControls } from "./text";

/** The colours a label may have: names, which the page maps to light and dark styles that keep contrast. */
export const LABEL_COLORS = ["gray", "red", "orange", "amber", "green", "teal", "blue", "indigo", "purple", "pink"] as const;
export type LabelColor = (typeof LABEL_COLORS)[number];

/** Label limits: a name's length (after trimming); most labels one task may carry whatever the configuration says. */
export const LABEL_LIMITS = { nameMax: 50, perTaskHardMax: 100 } as const;

/** A label's id; another user's label is a missing one. */
export const labelId = z.string().min(1).max(64);

/** A label's name: no `#` or spaces inside, so quick add's `#name` can always name it. */
export const labelName = z
  .string()
  .trim()
  .min(1, "Label name must not be empty")
  .max(LABEL_LIMITS.nameMax, `Label name must be at most ${LABEL_LIMITS.nameMax} characters`)
  .refine(...withoutControls("Label name"))
  .refine((name) => !/[\s#]/.test(name), "Label name must not contain spaces or #");

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
