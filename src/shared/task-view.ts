/**
 * What the task page shows, as it stands in the URL (`/?filter=active&view=today&q=milk&sort=due`),
 * and the `task.list` input it asks for. Used by the server (to prefetch) and the browser (to query),
 * so both build the same input and the prefetched data is the data the browser uses.
 */
import { TASK_FILTERS, TASK_LIMITS, TASK_SORTS, type TaskFilter, type TaskSort } from "./task-fields";

/** Due-date views, by the browser's calendar day: due today, overdue (before today, still open), due after today. */
export const DUE_VIEWS = ["today", "overdue", "upcoming"] as const;
export type DueView = (typeof DUE_VIEWS)[number];

export interface TaskPageParams {
  filter: TaskFilter;
  view: DueView | null;
  search: string;
  sort: TaskSort;
  /** Whose tasks: `null` every list's, `"inbox"` those in no list, else a list's id. */
  list: string | null;
  /** Only tasks with this label (its id), or `null` for any. */
  label: string | null;
}

/** The `list` parameter's value for the Inbox. */
export const INBOX = "inbox";

const pick = <T extends string>(options: readonly T[], value: string | null | undefined): T | undefined =>
  options.find((option) => option === value);

/** Reads the page parameters; anything unknown falls back to the default. */
export function parseTaskPageParams(get: (name: string) => string | null | undefined): TaskPageParams {
  return {
    filter: pick(TASK_FILTERS, get("filter")) ?? "all",
    view: pick(DUE_VIEWS, get("view")) ?? null,
    search: (get("q") ?? "").slice(0, TASK_LIMITS.searchMax),
    sort: pick(TASK_SORTS, get("sort")) ?? "created",
    list: listParam(get("list")),
    label: listParam(get("label")),
  };
}

/** A list or label id is short and plain; anything else is ignored (and shows every list, or any label). */
const listParam = (value: string | null | undefined) => (value && /^[\w-]{1,64}$/.test(value) ? value : null);

/** The `listId` the page's queries take: omitted for every list, `null` for the Inbox, else the id. */
export function listIdOf(params: Pick<TaskPageParams, "list">): string | null | undefined {
  if (params.list === null) return undefined;
  return params.list === INBOX ? null : params.list;
}

/** What `task.stats`, `toggleAll` and `clearCompleted` take to cover exactly the page's view. */
export interface TaskScope {
  listId?: string | null;
  search?: string;
  dueFrom?: Date;
  dueBefore?: Date;
  labelId?: string;
}

/**
 * The `task.stats` input for the page: the counts of what it shows (its list, search and date view; the
 * status filter aside, as TodoMVC counts). `undefined`, the plain query, for every task. Date views need
 * `today`, the browser's date.
 */
export function taskStatsInput(params: TaskPageParams, today: Date = new Date()): TaskScope | undefined {
  const { listId, search, dueFrom, dueBefore, labelId } = taskPageInput(params, today);
  const scope: TaskScope = {};
  if (labelId !== undefined) scope.labelId = labelId;
  if (listId !== undefined) scope.listId = listId;
  if (search !== undefined) scope.search = search;
  if (dueFrom !== undefined) scope.dueFrom = dueFrom;
  if (dueBefore !== undefined) scope.dueBefore = dueBefore;
  return Object.keys(scope).length > 0 ? scope : undefined;
}

/** The page's URL for `params`, leaving defaults out. */
export function taskPageHref(params: TaskPageParams): string {
  const query = new URLSearchParams();
  if (params.filter !== "all") query.set("filter", params.filter);
  if (params.view) query.set("view", params.view);
  if (params.search.trim()) query.set("q", params.search.trim());
  if (params.sort !== "created") query.set("sort", params.sort);
  if (params.list) query.set("list", params.list);
  if (params.label) query.set("label", params.label);
  const text = query.toString();
  return text ? `/?${text}` : "/";
}

/** Local midnight starting the day of `date`, `days` days later. */
export function startOfDay(date: Date, days = 0): Date {
  return new Date(date.getFullYear(), date.getMonth(), date.getDate() + days);
}

/**
 * The `task.list` input for the page. Defaults are left out, so the plain page's input is
 * `{ filter, limit }`. Date views need `today`, the browser's date.
 */
export function taskPageInput(params: TaskPageParams, today: Date = new Date()) {
  const input: {
    filter: TaskFilter;
    limit: number;
    sort?: TaskSort;
    search?: string;
    dueFrom?: Date;
    dueBefore?: Date;
    listId?: string | null;
    labelId?: string;
  } = { filter: params.view === "overdue" ? "active" : params.filter, limit: TASK_LIMITS.pageSizeDefault };
  const listId = listIdOf(params);
  if (listId !== undefined) input.listId = listId;
  if (params.sort !== "created") input.sort = params.sort;
  if (params.label) input.labelId = params.label;
  if (params.search.trim()) input.search = params.search.trim();
  if (params.view === "today") {
    input.dueFrom = startOfDay(today);
    input.dueBefore = startOfDay(today, 1);
  } else if (params.view === "overdue") {
    input.dueBefore = startOfDay(today);
  } else if (params.view === "upcoming") {
    input.dueFrom = startOfDay(today, 1);
  }
  return input;
}

/** Whether the server can prefetch the page: date views depend on the browser's time zone. */
export const canPrefetch = (params: TaskPageParams) => params.view === null;

/**
 * A due date picked as a calendar day (`YYYY-MM-DD`) is stored as the last moment of that local day,
 * so a task is overdue only once its day is over.
 */
export function dueDateFromDay(day: string): Date | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  if (!match) return null;
  return new Date(Number(match[1]), Number(match[2]) - 1, Number(match[3]), 23, 59, 59, 999);
}

/** A day (`YYYY-MM-DD`) and a local time (`HH:MM`) as that moment, or null when either is not one. */
export function dueDateFromDayAndTime(day: string, time: string): Date | null {
  const date = dueDateFromDay(day);
  const match = /^(\d{2}):(\d{2})$/.exec(time);
  if (!date || !match || Number(match[1]) > 23 || Number(match[2]) > 59) return null;
  date.setHours(Number(match[1]), Number(match[2]), 0, 0);
  return date;
}

/** The local time of `date` as `HH:MM`, as `<input type="time">` wants it. */
export function timeOf(date: Date): string {
  return `${String(date.getHours()).padStart(2, "0")}:${String(date.getMinutes()).padStart(2, "0")}`;
}

/** The local calendar day of `date`, as `<input type="date">` wants it. */
export function dayOf(date: Date): string {
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}
