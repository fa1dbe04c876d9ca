import { z } from "zod";
import { PRIORITIES, TASK_SORTS, type TaskFilter, type TaskSort } from "../../shared/task-fields";
import { dayOf, dueDateFromDay, dueDateFromDayAndTime, timeOf } from "../../shared/task-view";
import type { SyncEvent } from "../../shared/sync-events";
import { importedTaskInput } from "../../shared/task-input";
import { parseQuickAdd } from "../../shared/quick-add";
import { importedLabelInput, LABEL_COLORS } from "../../shared/label-input";
import { createTaskClient, signOutSession, TaskClientError, type TaskClient } from "../task-client";
import { CliError, EXIT, notSignedIn, usageError } from "./errors";
import { formatChecklist, formatTask, formatTasks, table, type Task } from "./format";
import { deleteSession, writeSession, type StoredSession } from "./session-file";

/** The User-Agent the CLI signs in with: the account page lists its session as the tasks CLI. */
export const CLI_USER_AGENT = "tasks-cli";

/** What the CLI needs from the world; the bin passes the real process, tests their own. */
export interface CliIo {
  env: Record<string, string | undefined>;
  /** Writes one line (or block) to standard output. */
  out(text: string): void;
  /** Writes one line to standard error. */
  err(text: string): void;
  /** All of standard input. */
  readStdin(): Promise<string>;
  /** Reads a file named on the command line. */
  readFile(path: string): Promise<string>;
  /** Asks on the terminal (`hidden` for passwords); absent when there is no terminal. */
  prompt?: (question: string, options: { hidden: boolean }) => Promise<string>;
  /** For tests; defaults to the global fetch. */
  fetch?: typeof fetch;
  /** Aborted by Ctrl-C: a long-running command (`watch`) stops and exits 0. */
  signal?: AbortSignal;
}

/** The parsed command line, as every command sees it. */
export interface CommandContext {
  io: CliIo;
  args: string[];
  options: CliOptions;
  /** The app's origin: `--url`, else `TASKS_URL`, else the stored session's, else http://localhost:3000. */
  baseUrl: string;
  sessionPath: string;
  session: StoredSession | null;
}

/** Every option the CLI knows; each command says which apply to it. */
export interface CliOptions {
  json?: boolean;
  url?: string;
  email?: string;
  "password-stdin"?: boolean;
  otp?: string;
  all?: boolean;
  done?: boolean;
  search?: string;
  sort?: string;
  due?: string;
  priority?: string;
  notes?: string;
  title?: string;
  list?: string;
  "with-tasks"?: boolean;
  add?: string;
  /** `--label NAME`, repeatable. */
  label?: string[];
  color?: string;
  tick?: string;
  untick?: string;
  drop?: string;
  /** `add`/`edit`: how the task repeats. */
  repeat?: string;
  /** With `--repeat`: count from completion. */
  "after-done"?: boolean;
  /** `move`: the task it goes after. */
  after?: string;
  /** `add`: the title as typed, without quick add. */
  raw?: boolean;
  /** `move`: to the top of My order. */
  first?: boolean;
}

type Command = {
  usage: string;
  summary: string;
  options: (keyof CliOptions)[];
  /** How many positional arguments it takes. */
  args: number;
  run(ctx: CommandContext): Promise<void>;
};

/** Prints `value` as JSON with `--json`, else the human text. */
function print(ctx: CommandContext, value: unknown, human: () => string) {
  ctx.io.out(ctx.options.json ? JSON.stringify(value, null, 2) : human());
}

/** A client for the stored session; refuses when there is none or it belongs to another server. */
async function signedInClient(ctx: CommandContext): Promise<TaskClient> {
  const { session } = ctx;
  if (!session) throw notSignedIn();
  if (session.baseUrl !== ctx.baseUrl) {
    throw new CliError(`Signed in to ${session.baseUrl}, not ${ctx.baseUrl}: run 'tasks login --url ${ctx.baseUrl}'.`, EXIT.notAuthenticated);
  }
  return createTaskClient({ baseUrl: session.baseUrl, sessionCookie: session.sessionCookie, fetch: ctx.io.fetch });
}

/**
 * `--due YYYY-MM-DD` as the last moment of that local day (as the browser stores it), or
 * `--due "YYYY-MM-DD HH:MM"` (or `T` between) as that local time; `none` clears it.
 */
function parseDue(value: string | undefined, allowNone: boolean): { dueDate: Date | null; dueHasTime?: boolean } | undefined {
  if (value === undefined) return undefined;
  if (allowNone && value === "none") return { dueDate: null };
  const [day = "", time, ...rest] = value.trim().split(/[ T]/);
  const due = time === undefined ? dueDateFromDay(day) : dueDateFromDayAndTime(day, time);
  // dueDateFromDay rolls 2026-02-30 over into March: a day that does not come back unchanged does not exist.
  if (!due || rest.length > 0 || dayOf(due) !== day || (time !== undefined && timeOf(due) !== time)) {
    throw usageError(`--due must be a day as YYYY-MM-DD, or a day and time as "YYYY-MM-DD HH:MM"${allowNone ? " (or none)" : ""}, not '${value}'`);
  }
  return { dueDate: due, dueHasTime: time !== undefined };
}

/** `value` if it is one of `choices`, else a usage error naming the option. */
function parseChoice<T extends string>(option: string, choices: readonly T[], value: string | undefined): T | undefined {
  if (value === undefined || (choices as readonly string[]).includes(value)) return value as T | undefined;
  throw usageError(`${option} must be one of ${choices.join(", ")}, not '${value}'`);
}

/** `--due`, `--priority` and `--notes`, parsed; `--due none` clears the day where `clearable`. */
function taskFieldOptions({ due, priority, notes, repeat, "after-done": afterDone }: CliOptions, clearable: boolean) {
  return { ...parseDue(due, clearable), priority: parseChoice("--priority", PRIORITIES, priority), notes, repeat: parseRepeat(repeat, afterDone, clearable) };
}

/** `--repeat` words for common rules; anything else is taken as an RFC 5545 RRULE. */
const REPEAT_WORDS: Record<string, string> = {
  daily: "FREQ=DAILY",
  weekdays: "FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR",
  weekly: "FREQ=WEEKLY",
  monthly: "FREQ=MONTHLY",
  yearly: "FREQ=YEARLY",
};

/**
 * `--repeat daily|weekdays|weekly|monthly|yearly|RRULE` (in this machine's time zone; `--after-done` counts
 * from completion), or `none` to stop (edit only). The server checks the rule.
 */
function parseRepeat(repeat: string | undefined, afterDone: boolean | undefined, clearable: boolean) {
  if (repeat === undefined) {
    if (afterDone) throw usageError("--after-done goes with --repeat");
    return undefined;
  }
  if (repeat.toLowerCase() === "none") {
    if (!clearable) throw usageError("--repeat none is for edit");
    return null;
  }
  const rule = REPEAT_WORDS[repeat.toLowerCase()] ?? repeat;
  return { rule, fromCompletion: afterDone ?? false, timeZone: Intl.DateTimeFormat().resolvedOptions().timeZone };
}

/** `--list NAME` as a list id: `inbox` is the Inbox (null), else a list of that name (ignoring case). */
async function resolveList(client: TaskClient, name: string | undefined): Promise<string | null | undefined> {
  if (name === undefined) return undefined;
  if (name.toLowerCase() === "inbox") return null;
  const { lists } = await client.list.all.query();
  const list = lists.find((l) => l.name.toLowerCase() === name.trim().toLowerCase());
  // A list that does not exist is a wrong value on the command line (2), not a missing task (4).
  if (!list) throw new CliError(`No list called '${name}' ('tasks lists' shows yours)`, EXIT.invalidInput);
  return list.id;
}

/**
 * `--label NAME` (repeatable, or `--label a,b`) as label ids, making the labels the user does not have yet
 * (as quick add does); `--label none` is no labels. `undefined` when not given.
 */
async function resolveLabels(client: TaskClient, names: readonly string[] | undefined): Promise<string[] | undefined> {
  if (names === undefined) return undefined;
  const wanted = names.flatMap((name) => name.split(",")).map((name) => name.trim().replace(/^#/, "")).filter(Boolean);
  if (wanted.length === 1 && wanted[0]!.toLowerCase() === "none") return [];
  const labels = await client.label.all.query();
  const ids = [];
  for (const name of wanted) {
    const found = labels.find((label) => label.name.toLowerCase() === name.toLowerCase());
    ids.push(found?.id ?? (await client.label.create.mutate({ name })).id);
  }
  return ids;
}

/** A label of the user's by name (ignoring case, `#` optional); not found is exit 4. */
async function labelNamed(client: TaskClient, name: string) {
  const label = (await client.label.all.query()).find((l) => l.name.toLowerCase() === name.trim().replace(/^#/, "").toLowerCase());
  if (!label) throw new CliError(`No label called '${name}' ('tasks labels' shows yours)`, EXIT.notFound);
  return label;
}

/** A list of the user's by name (ignoring case), for the list commands; not found is exit 4. */
async function listNamed(client: TaskClient, name: string) {
  const { lists } = await client.list.all.query();
  const list = lists.find((l) => l.name.toLowerCase() === name.trim().toLowerCase());
  if (!list) throw new CliError(`No list called '${name}' ('tasks lists' shows yours)`, EXIT.notFound);
  return list;
}

const FULL_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * A task id from the command line: a whole id as it is, or a unique prefix of one, as git takes
 * commits (`tasks done 019a3f`). No match is exit 4; several are exit 2, naming them.
 */
async function resolveTaskId(client: TaskClient, given: string): Promise<string> {
  if (FULL_ID.test(given) || !/^[0-9a-f-]+$/i.test(given)) return given;
  const prefix = given.toLowerCase();
  const matches = (await allTasks(client, { filter: "all" })).filter((task) => task.id.startsWith(prefix));
  if (matches.length === 1) return matches[0]!.id;
  if (matches.length === 0) throw new CliError(`No task has an id starting with '${given}' ('tasks ls --all' shows them)`, EXIT.notFound);
  const shown = matches.slice(0, 5).map((task) => `${task.id}  ${task.title}`);
  throw new CliError(`'${given}' starts ${matches.length} task ids; give more of it:\n${shown.join("\n")}${matches.length > 5 ? "\n…" : ""}`, EXIT.invalidInput);
}

const counted = ({ active, total }: { active: number; total: number }) => [String(active), String(total)];

/** Every task of the signed-in user matching `input`, all pages. */
async function allTasks(client: TaskClient, input: { filter: TaskFilter; search?: string; sort?: TaskSort; listId?: string | null; labelId?: string }) {
  const tasks: Task[] = [];
  let cursor: string | null = null;
  do {
    const page: { items: Task[]; nextCursor: string | null } = await client.task.list.query({
      ...input,
      cursor,
      limit: 100,
    });
    tasks.push(...page.items);
    cursor = page.nextCursor;
  } while (cursor);
  return tasks;
}

/** The checklists of the tasks that have one, by task id: 20 at a time (one batched request each). */
async function checklistsOf(client: TaskClient, tasks: readonly Task[]) {
  const withItems = tasks.filter((task) => task.subtasks.total > 0);
  const checklists = new Map<string, { title: string; completed: boolean }[]>();
  for (let i = 0; i < withItems.length; i += 20) {
    const chunk = withItems.slice(i, i + 20);
    const items = await Promise.all(chunk.map((task) => client.subtask.list.query({ taskId: task.id })));
    chunk.forEach((task, j) => checklists.set(task.id, items[j]!));
  }
  return checklists;
}

/**
 * The file `export` writes and `import` reads. Each task carries its list by name (`list`) and its
 * checklist (`subtasks`: title and done state, in order), so the file means the same to another account;
 * extra fields (ids, `listId`, timestamps) are ignored on import.
 */
const importFileSchema = z.union([
  z.object({ tasks: z.array(z.unknown()), labels: z.array(importedLabelInput).optional() }),
  z.array(z.unknown()).transform((tasks) => ({ tasks, labels: undefined })),
]);
const importedTaskSchema = importedTaskInput.extend({
  dueDate: z.iso
    .datetime({ offset: true })
    .nullish()
    .transform((value) => (value ? new Date(value) : null)),
});

const setCompleted = (completed: boolean): Command["run"] =>
  async function (ctx) {
    const client = await signedInClient(ctx);
    const task = await client.task.update.mutate({ id: await resolveTaskId(client, ctx.args[0]!), completed });
    print(ctx, task, () => formatTask(task));
  };

/** One line for a change `watch` saw. */
function describeChange(event: SyncEvent): string {
  switch (event.type) {
    case "task.upserted":
      return `task  ${formatTask(event.task)}`;
    case "task.deleted":
      return `task  ${event.id}  deleted`;
    case "list.upserted":
      return `list  ${event.list.id}  ${event.list.name}`;
    case "list.deleted":
      return `list  ${event.id}  deleted`;
    case "resync":
      return "many changes at once: run 'tasks ls' to see them";
  }
}

/** The commands, in the order `tasks help` lists them. */
export const COMMANDS: Record<string, Command> = {
  login: {
    usage: "login [--url URL] [--email EMAIL] [--password-stdin] [--otp CODE]",
    summary: "sign in (--otp: the two-factor code or a backup code); the session is kept in a file only you can read",
    options: ["url", "email", "password-stdin", "otp"],
    args: 0,
    async run(ctx) {
      const { io } = ctx;
      const email = ctx.options.email ?? (io.prompt ? await io.prompt("Email: ", { hidden: false }) : undefined);
      if (!email) throw usageError("Give your email with --email");
      let password = io.env.TASKS_PASSWORD;
      if (ctx.options["password-stdin"]) password = (await io.readStdin()).replace(/\r?\n$/, "");
      else if (!password && io.prompt) password = await io.prompt("Password: ", { hidden: true });
      if (!password) throw usageError("No password: pipe it with --password-stdin, or set TASKS_PASSWORD");

      const signIn = (otp?: string) => createTaskClient({ baseUrl: ctx.baseUrl, email: email.trim(), password, otp, fetch: io.fetch, userAgent: CLI_USER_AGENT });
      const client = await signIn(ctx.options.otp).catch(async (error: unknown) => {
        if (!(error instanceof TaskClientError) || error.code !== "TWO_FACTOR_REQUIRED") throw error;
        // Two-factor sign-in: ask at a terminal; a script must pass --otp.
        const otp = io.prompt ? (await io.prompt("Two-factor code (or a backup code): ", { hidden: false })).trim() : "";
        if (!otp) throw new CliError("This account's two-factor sign-in is on: give the code with --otp CODE (or a backup code).", EXIT.notAuthenticated);
        return signIn(otp);
      });
      const me = await client.user.me.query();
      await writeSession(ctx.sessionPath, { baseUrl: ctx.baseUrl, email: me.email, sessionCookie: client.sessionCookie! });
      print(ctx, { ...me, baseUrl: ctx.baseUrl }, () => `Signed in to ${ctx.baseUrl} as ${me.name} <${me.email}>.`);
    },
  },
  logout: {
    usage: "logout",
    summary: "end the session on the server and forget it here",
    options: [],
    args: 0,
    async run(ctx) {
      const { session } = ctx;
      if (session) {
        try {
          await signOutSession({ baseUrl: session.baseUrl, sessionCookie: session.sessionCookie, fetch: ctx.io.fetch });
        } finally {
          // Forget it here even when the server cannot be told: a stale cookie on disk helps nobody.
          await deleteSession(ctx.sessionPath);
        }
      }
      print(ctx, { signedOut: session !== null }, () => (session ? "Signed out." : "Not signed in."));
    },
  },
  whoami: {
    usage: "whoami",
    summary: "show who is signed in, and where",
    options: [],
    args: 0,
    async run(ctx) {
      const me = await (await signedInClient(ctx)).user.me.query();
      print(ctx, { ...me, baseUrl: ctx.baseUrl }, () => `${me.name} <${me.email}> at ${ctx.baseUrl}`);
    },
  },
  ls: {
    usage: "ls [--all | --done] [--list NAME|inbox] [--label NAME] [--search TEXT] [--sort created|newest|due|priority|manual]",
    summary: "list open tasks (--all: every task, --done: completed ones), of every list or one, with a label or any",
    options: ["all", "done", "search", "sort", "list", "label"],
    args: 0,
    async run(ctx) {
      const { all, done, search, sort } = ctx.options;
      if (all && done) throw usageError("Use --all or --done, not both");
      const filter = all ? "all" : done ? "completed" : "active";
      const client = await signedInClient(ctx);
      const listId = await resolveList(client, ctx.options.list);
      if ((ctx.options.label?.length ?? 0) > 1) throw usageError("ls takes one --label");
      const labelId = ctx.options.label ? (await labelNamed(client, ctx.options.label[0]!)).id : undefined;
      const tasks = await allTasks(client, { filter, search, sort: parseChoice("--sort", TASK_SORTS, sort), listId, labelId });
      const labelNames = tasks.some((task) => task.labelIds.length > 0) ? new Map((await client.label.all.query()).map((l) => [l.id, l.name])) : new Map<string, string>();
      print(ctx, tasks, () => {
        if (tasks.length > 0) return formatTasks(tasks, labelNames);
        if (search) return `No ${filter === "all" ? "" : filter === "active" ? "open " : "completed "}tasks match '${search}'.`;
        return filter === "active" ? "No open tasks. ('tasks ls --all' shows completed ones too.)" : "No tasks.";
      });
    },
  },
  lists: {
    usage: "lists",
    summary: "show your lists with their open and total task counts",
    options: [],
    args: 0,
    async run(ctx) {
      const overview = await (await signedInClient(ctx)).list.all.query();
      print(ctx, overview, () =>
        table(
          ["LIST", "OPEN", "TOTAL"],
          [["Inbox", ...counted(overview.inbox)], ...overview.lists.map((list) => [list.name, ...counted(list)])],
        ),
      );
    },
  },
  add: {
    usage:
      'add "TITLE" [--raw] [--due YYYY-MM-DD] [--priority none|low|medium|high] [--notes TEXT] [--list NAME] [--label NAME]... [--repeat daily|weekdays|weekly|monthly|yearly|RRULE [--after-done]]',
    summary:
      'add a task; the title is read as in the browser ("Call mom tomorrow 5pm #family !high every friday ^Home") unless --raw, and options win over it (to the Inbox unless a list is given; new labels are made; a repeat needs a due date)',
    options: ["due", "priority", "notes", "list", "label", "repeat", "after-done", "raw"],
    args: 1,
    async run(ctx) {
      const client = await signedInClient(ctx);
      const text = ctx.args[0]!;
      const options = taskFieldOptions(ctx.options, false);
      // Labels and lists are fetched only when the text could name one.
      const read = ctx.options.raw
        ? null
        : parseQuickAdd(text, {
            labels: text.includes("#") ? await client.label.all.query() : [],
            lists: text.includes("^") ? (await client.list.all.query()).lists : [],
          });
      const labelNames = [...(read?.labels.map((label) => label.name) ?? []), ...(ctx.options.label ?? [])];
      const readRepeat = read?.repeat && { ...read.repeat, timeZone: Intl.DateTimeFormat().resolvedOptions().timeZone };
      const readDue = read?.dueDate ? { dueDate: read.dueDate, dueHasTime: read.dueHasTime } : undefined;
      const task = await client.task.create.mutate({
        title: read?.title ?? text,
        ...(options.dueDate === undefined ? readDue : { dueDate: options.dueDate, dueHasTime: options.dueHasTime }),
        priority: options.priority ?? read?.priority,
        notes: options.notes,
        repeat: options.repeat ?? readRepeat,
        listId: ctx.options.list === undefined ? read?.listId : await resolveList(client, ctx.options.list),
        labelIds: await resolveLabels(client, labelNames.length > 0 ? labelNames : undefined),
      });
      print(ctx, task, () => formatTask(task));
    },
  },
  labels: {
    usage: "labels",
    summary: "show your labels with their colours and open and total task counts",
    options: [],
    args: 0,
    async run(ctx) {
      const labels = await (await signedInClient(ctx)).label.all.query();
      print(ctx, labels, () =>
        labels.length === 0 ? "No labels yet: add one with 'tasks label-add NAME' or 'tasks add \"TITLE\" --label NAME'." : table(["LABEL", "COLOR", "OPEN", "TOTAL"], labels.map((l) => [`#${l.name}`, l.color, ...counted(l)])),
      );
    },
  },
  "label-add": {
    usage: `label-add NAME [--color ${LABEL_COLORS.join("|")}]`,
    summary: "make a label (gray unless --color)",
    options: ["color"],
    args: 1,
    async run(ctx) {
      const color = parseChoice("--color", LABEL_COLORS, ctx.options.color);
      const label = await (await signedInClient(ctx)).label.create.mutate({ name: ctx.args[0]!.replace(/^#/, ""), color });
      print(ctx, label, () => `Made the label #${label.name} (${label.color}).`);
    },
  },
  "label-edit": {
    usage: "label-edit NAME [--title NEW-NAME] [--color COLOR]",
    summary: "rename or recolour a label",
    options: ["title", "color"],
    args: 1,
    async run(ctx) {
      const { title, color } = ctx.options;
      if (title === undefined && color === undefined) throw usageError("Nothing to change: give --title or --color");
      const client = await signedInClient(ctx);
      const label = await labelNamed(client, ctx.args[0]!);
      const changed = await client.label.update.mutate({ id: label.id, name: title?.replace(/^#/, ""), color: parseChoice("--color", LABEL_COLORS, color) });
      print(ctx, changed, () => `#${changed.name} (${changed.color}).`);
    },
  },
  "label-rm": {
    usage: "label-rm NAME",
    summary: "delete a label; it comes off its tasks, which stay",
    options: [],
    args: 1,
    async run(ctx) {
      const client = await signedInClient(ctx);
      const label = await labelNamed(client, ctx.args[0]!);
      const { tasks } = await client.label.delete.mutate({ id: label.id });
      print(ctx, { id: label.id, tasks }, () => `Deleted the label #${label.name} (it was on ${tasks} task${tasks === 1 ? "" : "s"}).`);
    },
  },
  "list-add": {
    usage: 'list-add "NAME"',
    summary: "make a list",
    options: [],
    args: 1,
    async run(ctx) {
      const list = await (await signedInClient(ctx)).list.create.mutate({ name: ctx.args[0]! });
      print(ctx, list, () => `Made the list ${list.name}.`);
    },
  },
  "list-rename": {
    usage: 'list-rename NAME "NEW NAME"',
    summary: "rename a list",
    options: [],
    args: 2,
    async run(ctx) {
      const client = await signedInClient(ctx);
      const list = await listNamed(client, ctx.args[0]!);
      const renamed = await client.list.rename.mutate({ id: list.id, name: ctx.args[1]! });
      print(ctx, renamed, () => `Renamed ${list.name} to ${renamed.name}.`);
    },
  },
  "list-rm": {
    usage: "list-rm NAME [--with-tasks]",
    summary: "delete a list; its tasks move to the Inbox, or go with it (--with-tasks)",
    options: ["with-tasks"],
    args: 1,
    async run(ctx) {
      const client = await signedInClient(ctx);
      const list = await listNamed(client, ctx.args[0]!);
      const deleteTasks = ctx.options["with-tasks"] === true;
      const done = await client.list.delete.mutate({ id: list.id, deleteTasks });
      const tasks = `${done.tasks} task${done.tasks === 1 ? "" : "s"}`;
      print(ctx, done, () => `Deleted the list ${list.name}${deleteTasks ? ` and its ${tasks}` : done.tasks > 0 ? `; its ${tasks} moved to the Inbox` : ""}.`);
    },
  },
  watch: {
    usage: "watch [--json]",
    summary: "print each change to your tasks and lists as it happens, from any device (Ctrl-C stops)",
    options: [],
    args: 0,
    async run(ctx) {
      const client = await signedInClient(ctx);
      const { signal } = ctx.io;
      await new Promise<void>((resolve, reject) => {
        // Said on stderr (stdout stays one JSON object a line with --json) once the stream is open, so a
        // script knows from when on its changes are seen; not again when it comes back after a token.
        let listening = false;
        const subscription = client.sync.changes.subscribe(
          {},
          {
            onStarted: () => {
              if (!listening) ctx.io.err(`Watching ${ctx.baseUrl} for changes (Ctrl-C stops)…`);
              listening = true;
            },
            onData: ({ id, data }) => ctx.io.out(ctx.options.json ? JSON.stringify({ eventId: id, ...data }) : describeChange(data)),
            onError: (error) => {
              subscription.unsubscribe();
              reject(error);
            },
            onComplete: () => resolve(),
          },
        );
        const stop = () => {
          subscription.unsubscribe();
          resolve();
        };
        if (signal?.aborted) stop();
        signal?.addEventListener("abort", stop, { once: true });
      });
    },
  },
  done: { usage: "done ID", summary: "mark a task as done (ID: the whole id, or a unique start of it)", options: [], args: 1, run: setCompleted(true) },
  undo: { usage: "undo ID", summary: "mark a task as not done", options: [], args: 1, run: setCompleted(false) },
  edit: {
    usage: 'edit ID [--title "TITLE"] [--due YYYY-MM-DD|none] [--priority LEVEL] [--notes TEXT] [--list NAME|inbox] [--label NAME|none]... [--repeat RULE|none [--after-done]]',
    summary: "change a task's title, due day, priority or notes (--notes '' clears them), move it to a list, set its labels or how it repeats",
    options: ["title", "due", "priority", "notes", "list", "label", "repeat", "after-done"],
    args: 1,
    async run(ctx) {
      const { title, due, priority, notes, list, label, repeat } = ctx.options;
      if ([title, due, priority, notes, list, label, repeat].every((value) => value === undefined)) {
        throw usageError("Nothing to change: give --title, --due, --priority, --notes, --list, --label or --repeat");
      }
      const client = await signedInClient(ctx);
      const fields = { ...taskFieldOptions(ctx.options, true), listId: await resolveList(client, list), labelIds: await resolveLabels(client, label) };
      const task = await client.task.update.mutate({ id: await resolveTaskId(client, ctx.args[0]!), title, ...fields });
      print(ctx, task, () => formatTask(task));
    },
  },
  check: {
    usage: 'check ID [--add "TITLE"] [--tick N] [--untick N] [--drop N]',
    summary: "show a task's checklist (subtasks), or add an item, tick one off, untick or remove it (N: its number)",
    options: ["add", "tick", "untick", "drop"],
    args: 1,
    async run(ctx) {
      const { add, tick, untick, drop } = ctx.options;
      const client = await signedInClient(ctx);
      const taskId = await resolveTaskId(client, ctx.args[0]!);
      const chosen = [add, tick, untick, drop].filter((value) => value !== undefined).length;
      if (chosen > 1) throw usageError("Give one of --add, --tick, --untick or --drop at a time");
      if (add !== undefined) await client.subtask.create.mutate({ taskId, title: add });
      const number = tick ?? untick ?? drop;
      if (number !== undefined) {
        const items = await client.subtask.list.query({ taskId });
        const n = Number(number);
        const item = Number.isInteger(n) && n >= 1 ? items[n - 1] : undefined;
        if (!item) throw new CliError(`No item ${number} on this checklist${items.length > 0 ? ` (1 to ${items.length})` : ": it is empty"}`, EXIT.notFound);
        if (drop !== undefined) await client.subtask.delete.mutate({ id: item.id });
        else await client.subtask.update.mutate({ id: item.id, completed: tick !== undefined });
      }
      const [task, items] = await Promise.all([client.task.byId.query({ id: taskId }), client.subtask.list.query({ taskId })]);
      print(ctx, { task, subtasks: items }, () => formatChecklist(task, items));
    },
  },
  skip: {
    usage: "skip ID",
    summary: "skip a repeating task's current occurrence: it moves to its next due date",
    options: [],
    args: 1,
    async run(ctx) {
      const client = await signedInClient(ctx);
      const task = await client.task.skipOccurrence.mutate({ id: await resolveTaskId(client, ctx.args[0]!) });
      print(ctx, task, () => formatTask(task));
    },
  },
  move: {
    usage: "move ID (--after ID | --first)",
    summary: "put a task right after another in My order ('ls --sort manual'), or first",
    options: ["after", "first"],
    args: 1,
    async run(ctx) {
      const { after, first } = ctx.options;
      if ((after === undefined) === !first) throw usageError("Give --after ID or --first");
      const client = await signedInClient(ctx);
      const id = await resolveTaskId(client, ctx.args[0]!);
      const task = await client.task.move.mutate({ id, afterId: after === undefined ? null : await resolveTaskId(client, after) });
      print(ctx, task, () => formatTask(task));
    },
  },
  rm: {
    usage: "rm ID",
    summary: "delete a task",
    options: [],
    args: 1,
    async run(ctx) {
      const client = await signedInClient(ctx);
      const { id } = await client.task.delete.mutate({ id: await resolveTaskId(client, ctx.args[0]!) });
      print(ctx, { id }, () => `Deleted ${id}.`);
    },
  },
  export: {
    usage: "export",
    summary: "write every task as JSON to standard output",
    options: [],
    args: 0,
    async run(ctx) {
      const client = await signedInClient(ctx);
      const [tasks, { lists }, labels] = await Promise.all([allTasks(client, { filter: "all" }), client.list.all.query(), client.label.all.query()]);
      const names = new Map(lists.map((list) => [list.id, list.name]));
      const labelNames = new Map(labels.map((label) => [label.id, label.name]));
      const checklists = await checklistsOf(client, tasks);
      const exported = tasks.map((task) => ({
        ...task,
        list: task.listId ? (names.get(task.listId) ?? null) : null,
        labels: task.labelIds.flatMap((id) => labelNames.get(id) ?? []),
        subtasks: (checklists.get(task.id) ?? []).map(({ title, completed }) => ({ title, completed })),
      }));
      const usedLabels = labels.map(({ name, color }) => ({ name, color }));
      ctx.io.out(JSON.stringify({ exportedAt: new Date(), labels: usedLabels, tasks: exported }, null, 2));
    },
  },
  import: {
    usage: "import FILE",
    summary: "add the tasks of an export file as new tasks, in its order (FILE '-' reads standard input)",
    options: [],
    args: 1,
    async run(ctx) {
      const [file] = ctx.args as [string];
      let text: string;
      try {
        text = file === "-" ? await ctx.io.readStdin() : await ctx.io.readFile(file);
      } catch {
        throw new CliError(`Cannot read ${file}`, EXIT.invalidInput);
      }
      const { tasks, labels } = parseImportFile(text, file);
      if (tasks.length === 0) throw new CliError(`${file} holds no tasks: nothing imported`, EXIT.invalidInput);
      const client = await signedInClient(ctx);
      // One request, one transaction on the server: every task or, on any refusal, none.
      const result = await client.task.import.mutate({ tasks, labels }).catch((error: unknown) => {
        const code = (error as { data?: { code?: string } }).data?.code;
        if (code === "PAYLOAD_TOO_LARGE") {
          throw new CliError(`${file} is larger than the server takes in one request (API_MAX_BODY_BYTES): split it; nothing was imported`, EXIT.invalidInput);
        }
        throw error;
      });
      print(ctx, result, () => {
        const lists = [
          result.listsCreated.length > 0 ? `made the list${result.listsCreated.length === 1 ? "" : "s"} ${result.listsCreated.join(", ")}` : null,
          result.listsMatched.length > 0 ? `added to your list${result.listsMatched.length === 1 ? "" : "s"} ${result.listsMatched.join(", ")}` : null,
          result.labelsCreated.length > 0 ? `made the label${result.labelsCreated.length === 1 ? "" : "s"} ${result.labelsCreated.map((name) => `#${name}`).join(", ")}` : null,
        ].filter(Boolean);
        return `Imported ${result.imported} task${result.imported === 1 ? "" : "s"}${lists.length > 0 ? ` (${lists.join("; ")})` : ""}.`;
      });
    },
  },
};

/** Validates a whole import file before anything is created, so a bad file imports nothing. */
function parseImportFile(text: string, file: string) {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new CliError(`${file} is not JSON`, EXIT.invalidInput);
  }
  const parsed = importFileSchema.safeParse(json);
  if (!parsed.success) throw new CliError(`${file} is not a task export: expected { "tasks": [...] } or an array of tasks`, EXIT.invalidInput);
  const tasks = parsed.data.tasks.map((item, index) => {
    const task = importedTaskSchema.safeParse(item);
    if (!task.success) {
      const issue = task.error.issues[0]!;
      throw new CliError(`${file}: task ${index + 1}: ${issue.path.join(".") || "task"}: ${issue.message}`, EXIT.invalidInput);
    }
    return task.data;
  });
  return { tasks, labels: parsed.data.labels };
}
