/**
 * Task field vocabulary and limits, shared by the API's validation and the UI's forms so both
 * enforce the same numbers. Constants only: safe to import in the browser.
 */

/** Field limits. The page size bounds are part of the API contract (1..100, default 50). */
export const TASK_LIMITS = {
  titleMax: 500,
  notesMax: 10_000,
  searchMax: 200,
  pageSizeMax: 100,
  pageSizeDefault: 50,
  // A cursor carries the row's sort keys; "My order" keys grow by a character every few moves into one gap.
  cursorMax: 2048,
} as const;

/** List limits: a name's length (after trimming). */
export const LIST_LIMITS = {
  nameMax: 100,
} as const;

export const PRIORITIES = ["none", "low", "medium", "high"] as const;
/** How urgent a task is; `none` is the default. */
export type Priority = (typeof PRIORITIES)[number];

export const TASK_FILTERS = ["all", "active", "completed"] as const;
export type TaskFilter = (typeof TASK_FILTERS)[number];

/**
 * `created`: oldest first (the default); `newest`: newest first; `due`: soonest first, undated last;
 * `priority`: high first; `manual`: "My order", as the user arranged it (`task.move`; new tasks go last).
 */
export const TASK_SORTS = ["created", "newest", "due", "priority", "manual"] as const;
export type TaskSort = (typeof TASK_SORTS)[number];

