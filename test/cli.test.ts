import { mkdtempSync, rmSync, statSync, writeFileSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { runCli } from "@/client/cli/run";
import { cliRunner, signedInCli } from "./fixtures/cli";
import { createTestApp, TEST_ORIGIN, TEST_PASSWORD, type TestApp, type TestUser } from "./fixtures/test-app";
import type { Task } from "@/client/cli/format";

/**
 * The CLI's commands against the real app in process (its HTTP handlers, real SQLite, real tokens).
 * e2e/cli.spec.ts runs the same binary against a production server.
 */
describe("tasks CLI", () => {
  let app: TestApp;
  let user: TestUser;
  const configDir = mkdtempSync(join(tmpdir(), "tasks-cli-"));

  /** Runs one command; resolves its exit code and what it printed. */
  const tasks = cliRunner(() => app, configDir);
  const json = async (argv: string[]) => {
    const result = await tasks([...argv, "--json"]);
    expect(result).toMatchObject({ code: 0, err: "" });
    return JSON.parse(result.out) as Record<string, unknown> & { id: string };
  };

  beforeAll(async () => {
    app = await createTestApp();
    user = await app.signUp({ name: "Cli User" });
    const login = await tasks(["login", "--email", user.email, "--password-stdin"], { stdin: `${TEST_PASSWORD}\n` });
    expect(login).toMatchObject({ code: 0, out: `Signed in to ${TEST_ORIGIN} as Cli User <${user.email}>.` });
  });
  afterAll(async () => {
    await app.close();
    rmSync(configDir, { recursive: true, force: true });
  });

  it("keeps the session in a file only its owner can read", async () => {
    const file = join(configDir, "session.json");
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(statSync(configDir).mode & 0o077).toBe(0);
    const stored = JSON.parse(await readFile(file, "utf8")) as Record<string, string>;
    expect(stored).toEqual({ baseUrl: TEST_ORIGIN, email: user.email, sessionCookie: expect.stringContaining("session_token=") });
    expect(JSON.stringify(stored)).not.toContain(TEST_PASSWORD);
  });

  it("adds, lists, completes, edits and removes tasks", async () => {
    const task = await json(["add", "Water the plants", "--due", "2031-05-17", "--priority", "high", "--notes", "the tall ones"]);
    expect(task).toMatchObject({ title: "Water the plants", priority: "high", notes: "the tall ones", completed: false });
    expect(new Date(task.dueDate as string).getDate()).toBe(17); // the end of that local day

    const ls = await tasks(["ls"]);
    expect(ls.code).toBe(0);
    expect(ls.out).toMatch(new RegExp(`^ID +DONE +PRIORITY +DUE +TITLE\\n${task.id} +\\[ \\] +high +2031-05-17 +Water the plants$`, "m"));

    expect(await json(["done", task.id])).toMatchObject({ completed: true });
    expect((await tasks(["ls"])).out).not.toContain(task.id);
    expect((await tasks(["ls", "--done"])).out).toContain(task.id);
    expect(await json(["undo", task.id])).toMatchObject({ completed: false });

    expect(await json(["edit", task.id, "--title", "Water the ferns", "--due", "none", "--notes", ""])).toMatchObject({
      title: "Water the ferns",
      dueDate: null,
      notes: null,
    });
    expect(await tasks(["rm", task.id])).toMatchObject({ code: 0, out: `Deleted ${task.id}.` });
    expect(await tasks(["rm", task.id])).toMatchObject({ code: 4 });
  });

  it("searches, sorts, and says so when nothing matches", async () => {
    await json(["add", "Buy oat milk"]);
    await json(["add", "Call the bank", "--priority", "high"]);
    const found = (await json(["ls", "--search", "MILK"])) as unknown as { title: string }[];
    expect(found.map((t) => t.title)).toEqual(["Buy oat milk"]);
    const byPriority = (await json(["ls", "--sort", "priority"])) as unknown as { title: string }[];
    expect(byPriority[0]!.title).toBe("Call the bank");
    expect(await tasks(["ls", "--search", "nothing like this"])).toMatchObject({ code: 0, out: "No open tasks match 'nothing like this'." });
  });

  it("exports every task and imports them back as new tasks, validating the whole file first", async () => {
    const done = await json(["add", "Exported and done", "--due", "2030-01-02"]);
    await json(["done", done.id]);
    const exported = await tasks(["export"]);
    type Exported = { tasks: { title: string; completed: boolean; dueDate: string | null }[] };
    const file = JSON.parse(exported.out) as Exported;
    expect(file.tasks.map((t) => t.title)).toEqual(["Buy oat milk", "Call the bank", "Exported and done"]);

    const fresh = await app.signUp();
    const otherDir = mkdtempSync(join(tmpdir(), "tasks-cli-"));
    await tasks(["login", "--email", fresh.email, "--password-stdin"], { stdin: TEST_PASSWORD, dir: otherDir });
    expect(await tasks(["import", "-"], { stdin: exported.out, dir: otherDir })).toMatchObject({ code: 0, out: "Imported 3 tasks." });
    expect(await tasks(["import", "-"], { stdin: '{ "tasks": [] }', dir: otherDir })).toMatchObject({ code: 2, err: "tasks: - holds no tasks: nothing imported" });
    const copy = JSON.parse((await tasks(["export"], { dir: otherDir })).out) as Exported;
    const fields = ({ title, completed, dueDate }: Exported["tasks"][number]) => ({ title, completed, dueDate });
    expect(copy.tasks.map(fields)).toEqual(file.tasks.map(fields));

    const bad = join(otherDir, "bad.json");
    writeFileSync(bad, JSON.stringify({ tasks: [{ title: "fine" }, { title: "   " }] }));
    expect(await tasks(["import", bad], { dir: otherDir })).toMatchObject({ code: 2, err: expect.stringContaining("task 2: title: Title must not be empty") });
    expect((await app.client(fresh.token).task.stats.query()).total).toBe(3); // nothing of the bad file was imported
    rmSync(otherDir, { recursive: true });
  });

  it("takes a due time with --due \"DAY HH:MM\", shows it, and refuses a time that does not exist", async () => {
    const task = await json(["add", "Dentist", "--due", "2031-05-17 09:30"]);
    expect(task).toMatchObject({ dueHasTime: true });
    expect(new Date(task.dueDate as string).getHours()).toBe(9);
    expect((await tasks(["ls"])).out).toMatch(new RegExp(`${task.id} +\\[ \\] +- +2031-05-17 09:30 +Dentist`));
    expect(await tasks(["edit", task.id, "--due", "2031-05-18"])).toMatchObject({ code: 0, out: expect.stringContaining("due 2031-05-18)") });
    expect(await json(["edit", task.id, "--due", "2031-05-18T17:05"])).toMatchObject({ dueHasTime: true });
    for (const bad of ["2031-05-17 25:00", "2031-05-17 9:30", "2031-05-17 09:30 x"]) {
      expect(await tasks(["edit", task.id, "--due", bad])).toMatchObject({ code: 2, err: expect.stringContaining("--due must be a day") });
    }
    await tasks(["rm", task.id]);
  });

  it("check shows a task's checklist and adds, ticks, unticks and drops items by number", async () => {
    const task = await json(["add", "Pack for the trip"]);
    expect(await tasks(["check", task.id])).toMatchObject({ code: 0, out: 'Pack for the trip  0/0\nNo checklist yet: add an item with --add "TITLE".' });
    await tasks(["check", task.id, "--add", "Socks"]);
    await tasks(["check", task.id, "--add", "Charger"]);
    expect(await tasks(["check", task.id, "--tick", "2"])).toMatchObject({ code: 0, out: "Pack for the trip  1/2\n  1. [ ] Socks\n  2. [x] Charger" });
    expect((await tasks(["ls"])).out).toMatch(/Pack for the trip {2}1\/2/);
    await tasks(["check", task.id, "--untick", "2"]);
    expect(await tasks(["check", task.id, "--drop", "1"])).toMatchObject({ code: 0, out: "Pack for the trip  0/1\n  1. [ ] Charger" });
    expect(await tasks(["check", task.id, "--tick", "7"])).toMatchObject({ code: 4, err: "tasks: No item 7 on this checklist (1 to 1)" });
    expect(await tasks(["check", task.id, "--tick", "1", "--drop", "1"])).toMatchObject({ code: 2, err: expect.stringContaining("one of --add") });
    expect(await tasks(["check", task.id, "--add", "   "])).toMatchObject({ code: 2 });
    const checklist = (await json(["check", task.id])) as unknown as { subtasks: { title: string }[] };
    expect(checklist.subtasks.map((i) => i.title)).toEqual(["Charger"]);
    await tasks(["rm", task.id]);
  });

  it("repeats: add --repeat (words or an RRULE) with --due, done moves it on, skip, edit --repeat none", async () => {
    const task = await json(["add", "Take out the bins", "--due", "2031-05-15", "--repeat", "weekly"]);
    expect(task).toMatchObject({ repeat: { rule: "FREQ=WEEKLY", fromCompletion: false, text: "every week" } });
    expect(await tasks(["done", task.id])).toMatchObject({ code: 0, out: expect.stringMatching(/Take out the bins {2}\(open, due 2031-05-22, repeats every week\)/) });
    expect(await tasks(["skip", task.id])).toMatchObject({ code: 0, out: expect.stringContaining("due 2031-05-29") });
    expect((await tasks(["ls"])).out).toMatch(/Take out the bins {2}↻ every week/);
    const after = await json(["edit", task.id, "--repeat", "FREQ=DAILY;INTERVAL=3", "--after-done"]);
    expect(after).toMatchObject({ repeat: { rule: "FREQ=DAILY;INTERVAL=3", fromCompletion: true } });
    expect(await json(["edit", task.id, "--repeat", "none"])).toMatchObject({ repeat: null });
    expect(await tasks(["skip", task.id])).toMatchObject({ code: 2, err: expect.stringContaining("does not repeat") });
    expect(await tasks(["add", "No date", "--repeat", "daily"])).toMatchObject({ code: 2, err: expect.stringContaining("needs a due date") });
    expect(await tasks(["add", "Bad", "--due", "2031-05-15", "--repeat", "FREQ=HOURLY"])).toMatchObject({ code: 2, err: expect.stringContaining("FREQ") });
    expect(await tasks(["add", "Lonely", "--after-done"])).toMatchObject({ code: 2, err: expect.stringContaining("--after-done goes with --repeat") });
    await tasks(["rm", task.id]);
  });

  it("add reads the title as quick add does (a date and time, #label, !priority, a repeat, ^list); options win; --raw keeps it whole", async () => {
    const dir = mkdtempSync(join(tmpdir(), "tasks-cli-quick-"));
    const someone = await app.signUp();
    await tasks(["login", "--email", someone.email, "--password-stdin"], { stdin: TEST_PASSWORD, dir });
    const run = async (argv: string[]) => JSON.parse((await tasks([...argv, "--json"], { dir })).out) as Task;
    const client = app.client(someone.token);
    const home = await client.list.create.mutate({ name: "Home stuff" });

    const task = await run(["add", "Call mom tomorrow 5pm #family !high every friday ^home stuff"]);
    const tomorrow = new Date();
    tomorrow.setDate(tomorrow.getDate() + 1);
    tomorrow.setHours(17, 0, 0, 0);
    expect(task).toMatchObject({ title: "Call mom", priority: "high", dueHasTime: true, listId: home.id, repeat: { rule: "FREQ=WEEKLY;BYDAY=FR", fromCompletion: false } });
    expect(new Date(task.dueDate!).toISOString()).toBe(tomorrow.toISOString());
    const labels = await client.label.all.query();
    expect(labels.map((label) => label.name)).toEqual(["family"]);
    expect(task.labelIds).toEqual([labels[0]!.id]);

    // An option wins over the text; a known label is reused, not made again.
    const second = await run(["add", "Plan dinner #Family !low", "--priority", "medium", "--label", "menu"]);
    expect(second).toMatchObject({ title: "Plan dinner", priority: "medium" });
    expect((await client.label.all.query()).map((label) => label.name)).toEqual(["family", "menu"]);
    expect(second.labelIds).toHaveLength(2);

    const raw = await run(["add", "Read chapter 3 tomorrow #not-a-label !high", "--raw"]);
    expect(raw).toMatchObject({ title: "Read chapter 3 tomorrow #not-a-label !high", priority: "none", dueDate: null, labelIds: [] });
    // A text with nothing left for a title stays the title.
    expect(await run(["add", "tomorrow"])).toMatchObject({ title: "tomorrow", dueDate: null });
    rmSync(dir, { recursive: true });
  });

  it("move puts a task after another in My order (or first), which ls --sort manual shows", async () => {
    const dir = mkdtempSync(join(tmpdir(), "tasks-cli-move-"));
    const someone = await app.signUp();
    await tasks(["login", "--email", someone.email, "--password-stdin"], { stdin: TEST_PASSWORD, dir });
    const run = (argv: string[]) => tasks(argv, { dir });
    const ids: string[] = [];
    for (const title of ["First", "Second", "Third"]) ids.push((JSON.parse((await run(["add", title, "--json"])).out) as { id: string }).id);
    const order = async () => (JSON.parse((await run(["ls", "--sort", "manual", "--json"])).out) as { title: string }[]).map((task) => task.title);
    expect(await run(["move", ids[2]!, "--first"])).toMatchObject({ code: 0, out: expect.stringContaining("Third") });
    expect(await order()).toEqual(["Third", "First", "Second"]);
    expect(await run(["move", ids[2]!.slice(0, 30), "--after", ids[1]!])).toMatchObject({ code: 0 });
    expect(await order()).toEqual(["First", "Second", "Third"]);
    expect(await run(["move", ids[0]!])).toMatchObject({ code: 2, err: expect.stringContaining("--after ID or --first") });
    expect(await run(["move", ids[0]!, "--first", "--after", ids[1]!])).toMatchObject({ code: 2 });
    expect(await run(["move", ids[0]!, "--after", ids[0]!])).toMatchObject({ code: 4 });
    rmSync(dir, { recursive: true });
  });

  it("labels: add and edit with --label (made when new), ls --label, labels, label-edit, label-rm; exports carry them", async () => {
    const task = await json(["add", "Call the plumber", "--label", "home", "--label", "#urgent"]);
    expect(await tasks(["ls", "--label", "urgent"])).toMatchObject({ code: 0, out: expect.stringMatching(/Call the plumber {2}#home {2}#urgent/) });
    expect(await tasks(["label-edit", "urgent", "--color", "red"])).toMatchObject({ code: 0, out: "#urgent (red)." });
    expect(await tasks(["labels"])).toMatchObject({ code: 0, out: expect.stringMatching(/#home\s+gray\s+1\s+1\n#urgent\s+red\s+1\s+1/) });
    await tasks(["edit", task.id, "--label", "none"]);
    expect(await tasks(["ls", "--label", "urgent"])).toMatchObject({ code: 0, out: expect.stringContaining("No open tasks") });
    await tasks(["edit", task.id, "--label", "urgent"]);
    const file = JSON.parse((await tasks(["export"])).out) as { labels: { name: string; color: string }[]; tasks: { title: string; labels: string[] }[] };
    expect(file.labels).toEqual([{ name: "home", color: "gray" }, { name: "urgent", color: "red" }]);
    expect(file.tasks.find((t) => t.title === "Call the plumber")?.labels).toEqual(["urgent"]);
    expect(await tasks(["label-rm", "urgent"])).toMatchObject({ code: 0, out: "Deleted the label #urgent (it was on 1 task)." });
    expect(await tasks(["ls", "--label", "urgent"])).toMatchObject({ code: 4, err: "tasks: No label called 'urgent' ('tasks labels' shows yours)" });
    expect(await tasks(["label-add", "x", "--color", "plaid"])).toMatchObject({ code: 2 });
    await tasks(["label-rm", "home"]);
    await tasks(["rm", task.id]);
  });

  it("an export with lists imports whole into another account: lists matched by name or made, all or nothing", async () => {
    const dir = (name: string) => mkdtempSync(join(tmpdir(), `tasks-cli-${name}-`));
    const [fromDir, toDir] = [dir("from"), dir("to")];
    const from = await app.signUp();
    const to = await app.signUp();
    await tasks(["login", "--email", from.email, "--password-stdin"], { stdin: TEST_PASSWORD, dir: fromDir });
    await tasks(["login", "--email", to.email, "--password-stdin"], { stdin: TEST_PASSWORD, dir: toDir });
    const source = app.client(from.token);
    const work = await source.list.create.mutate({ name: "Work" });
    const home = await source.list.create.mutate({ name: "Home" });
    await source.task.create.mutate({ title: "Inbox thing" });
    await source.task.create.mutate({ title: "Report", listId: work.id, priority: "high" });
    const done = await source.task.create.mutate({ title: "Dishes", listId: home.id });
    await source.task.update.mutate({ id: done.id, completed: true });
    for (const title of ["Plates", "Cups"]) await source.subtask.create.mutate({ taskId: done.id, title });
    const kitchen = await source.label.create.mutate({ name: "kitchen", color: "teal" });
    await source.task.update.mutate({ id: done.id, labelIds: [kitchen.id] });
    const [plates] = await source.subtask.list.query({ taskId: done.id });
    await source.subtask.update.mutate({ id: plates!.id, completed: true });
    await source.task.move.mutate({ id: done.id }); // first in My order
    const exported = (await tasks(["export"], { dir: fromDir })).out;
    const file = JSON.parse(exported) as { tasks: { list: string | null; subtasks: unknown[] }[] };
    expect(file.tasks.map((t) => t.list)).toEqual([null, "Work", "Home"]);
    expect(file.tasks.map((t) => t.subtasks)).toEqual([[], [], [{ title: "Plates", completed: true }, { title: "Cups", completed: false }]]);

    // The other account has a "home" list already (another spelling): matched, not duplicated.
    const target = app.client(to.token);
    const theirHome = await target.list.create.mutate({ name: "home" });
    const imported = await tasks(["import", "-"], { stdin: exported, dir: toDir });
    expect(imported).toEqual({ code: 0, out: "Imported 3 tasks (made the list Work; added to your list home; made the label #kitchen).", err: "" });
    const lists = (await target.list.all.query()).lists;
    expect(lists.map((l) => [l.name, l.total])).toEqual([["home", 1], ["Work", 1]]);
    const copied = (await target.task.list.query({ limit: 100 })).items;
    expect(copied.map((t) => [t.title, t.priority, t.completed, t.listId])).toEqual([
      ["Inbox thing", "none", false, null],
      ["Report", "high", false, lists[1]!.id],
      ["Dishes", "none", true, theirHome.id],
    ]);
    // The label came along with its colour, and the checklist in order, with its done states.
    const [theirKitchen] = await target.label.all.query();
    expect(theirKitchen).toMatchObject({ name: "kitchen", color: "teal" });
    expect(copied[2]!.labelIds).toEqual([theirKitchen!.id]);
    expect(copied[2]!.subtasks).toEqual({ done: 1, total: 2 });
    // My order came along too (creation order stays the file's).
    expect((await target.task.list.query({ sort: "manual" })).items.map((t) => t.title)).toEqual(["Dishes", "Inbox thing", "Report"]);
    expect((await target.subtask.list.query({ taskId: copied[2]!.id })).map((i) => [i.title, i.completed])).toEqual([["Plates", true], ["Cups", false]]);
    rmSync(fromDir, { recursive: true });
    rmSync(toDir, { recursive: true });
  });

  it("an import the server refuses half-way (the task quota) creates nothing, so running it again cannot duplicate", async () => {
    await using small = await createTestApp({ TASK_QUOTA_PER_USER: "3" });
    const user = await small.signUp();
    const dir = mkdtempSync(join(tmpdir(), "tasks-cli-quota-"));
    const run = cliRunner(() => small, dir);
    await run(["login", "--email", user.email, "--password-stdin"], { stdin: TEST_PASSWORD });
    await small.client(user.token).task.create.mutate({ title: "already here" });
    const file = JSON.stringify({ tasks: [{ title: "a", list: "New list" }, { title: "b" }, { title: "c" }] });
    for (let attempt = 0; attempt < 2; attempt += 1) {
      const result = await run(["import", "-"], { stdin: file });
      expect(result.code).toBe(1);
      expect(result.err).toBe("tasks: You have reached the limit of 3 tasks: delete some first");
      expect((await small.client(user.token).task.stats.query()).total).toBe(1);
      expect((await small.client(user.token).list.all.query()).lists).toEqual([]);
    }
    rmSync(dir, { recursive: true });
  });

  it("works with lists: add --list, ls --list, edit --list, lists", async () => {
    const dir = mkdtempSync(join(tmpdir(), "tasks-cli-"));
    const owner = await app.signUp();
    await tasks(["login", "--email", owner.email, "--password-stdin"], { stdin: TEST_PASSWORD, dir });
    await app.client(owner.token).list.create.mutate({ name: "Garden" });
    const run = (argv: string[]) => tasks(argv, { dir });

    const planted = JSON.parse((await run(["add", "Plant roses", "--list", "garden", "--json"])).out) as { id: string; listId: string };
    expect(planted.listId).toEqual(expect.any(String));
    await run(["add", "Call the bank"]);
    expect((await run(["ls", "--list", "Garden"])).out).toContain("Plant roses");
    expect((await run(["ls", "--list", "Garden"])).out).not.toContain("Call the bank");
    expect((await run(["ls", "--list", "inbox"])).out).toContain("Call the bank");
    expect(JSON.parse((await run(["edit", planted.id, "--list", "inbox", "--json"])).out)).toMatchObject({ listId: null });
    expect((await run(["lists"])).out.split("\n")).toEqual([
      expect.stringMatching(/^LIST +OPEN +TOTAL$/),
      expect.stringMatching(/^Inbox +2 +2$/),
      expect.stringMatching(/^Garden +0 +0$/),
    ]);
    // A wrong --list is a wrong value (2), like any other option's.
    expect(await run(["add", "x", "--list", "Nowhere"])).toMatchObject({ code: 2, err: "tasks: No list called 'Nowhere' ('tasks lists' shows yours)" });
    rmSync(dir, { recursive: true });
  });

  it.each([
    [["frob"], 2, "Unknown command 'frob'"],
    [["add"], 2, "'add' takes 1 argument"],
    [["add", "x", "--due", "2031-02-30"], 2, "--due must be a day as YYYY-MM-DD"],
    [["add", "x", "--priority", "urgent"], 2, "--priority must be one of none, low, medium, high"],
    [["add", "   "], 2, "Title must not be empty"],
    [["add", "x".repeat(501)], 2, "Title must be at most 500 characters"],
    [["ls", "--all", "--done"], 2, "Use --all or --done, not both"],
    [["ls", "--sort", "random"], 2, "--sort must be one of created, newest, due, priority"],
    [["ls", "--due", "2030-01-01"], 2, "Option --due does not apply to 'ls'"],
    [["edit", "some-id"], 2, "Nothing to change"],
    [["done", "no-such-task"], 4, "Task not found"],
    [["done", "0000ffff"], 4, "No task has an id starting with '0000ffff'"],
    [["ls", "--frob"], 2, "tasks: Unknown option --frob\nRun 'tasks help' for usage."],
    [["ls", "--list"], 2, "tasks: Option --list needs a value"],
    [["list-rm", "Nowhere"], 4, "No list called 'Nowhere'"],
    [["import", "/no/such/file.json"], 2, "Cannot read /no/such/file.json"],
    [["whoami", "--url", "ftp://x"], 2, "Not an http(s) URL"],
    [["whoami", "--url", "http://127.0.0.1:9"], 3, `Signed in to ${TEST_ORIGIN}, not http://127.0.0.1:9`],
  ])("%j exits %i with a clear message", async (argv, code, message) => {
    const result = await tasks(argv);
    expect(result.code).toBe(code);
    expect(result.err).toContain(message);
    expect(result.err).not.toMatch(/\n\s+at /); // no stack trace
  });

  it("takes a unique start of a task id, like git; an ambiguous one names the candidates", async () => {
    const { owner, run, cleanup } = await signedInCli(app, "prefix");
    const a = await app.client(owner.token).task.create.mutate({ title: "first" });
    const b = await app.client(owner.token).task.create.mutate({ title: "second" });
    // The shortest start that tells them apart (UUIDv7 ids made together share their time prefix).
    let length = 1;
    while (a.id.slice(0, length) === b.id.slice(0, length)) length += 1;
    expect(await run(["done", b.id.slice(0, length)])).toMatchObject({ code: 0, out: expect.stringContaining(`${b.id}  second  (done)`) });
    expect(await run(["rm", a.id.slice(0, length).toUpperCase()])).toMatchObject({ code: 0, out: `Deleted ${a.id}.` });
    await app.client(owner.token).task.create.mutate({ title: "third" });
    const ambiguous = await run(["done", b.id.slice(0, 4)]);
    expect(ambiguous.code).toBe(2);
    expect(ambiguous.err).toMatch(new RegExp(`^tasks: '${b.id.slice(0, 4)}' starts 2 task ids; give more of it:\n${b.id}  second\n`));
    cleanup();
  });

  it("makes, renames and deletes lists: list-add, list-rename, list-rm [--with-tasks]", async () => {
    const { owner, run, cleanup } = await signedInCli(app, "lists");
    expect(await run(["list-add", "Chores"])).toMatchObject({ code: 0, out: "Made the list Chores." });
    expect(await run(["list-add", "chores"])).toMatchObject({ code: 2, err: 'tasks: You already have a list called "chores"' });
    expect(await run(["list-rename", "CHORES", "House"])).toMatchObject({ code: 0, out: "Renamed Chores to House." });
    await run(["add", "Sweep", "--list", "House"]);
    expect(await run(["list-rm", "house"])).toMatchObject({ code: 0, out: "Deleted the list House; its 1 task moved to the Inbox." });
    await run(["list-add", "Garage"]);
    await run(["add", "Tidy", "--list", "Garage"]);
    expect(await run(["list-rm", "Garage", "--with-tasks"])).toMatchObject({ code: 0, out: "Deleted the list Garage and its 1 task." });
    const left = (await app.client(owner.token).task.list.query()).items.map((t) => [t.title, t.listId]);
    expect(left).toEqual([["Sweep", null]]);
    expect((await app.client(owner.token).list.all.query()).lists).toEqual([]);
    cleanup();
  });

  it("watch prints each change as it happens, as JSON lines with --json, and stops with exit 0 on Ctrl-C", async () => {
    const { dir, owner, cleanup } = await signedInCli(app, "watch");
    const interrupt = new AbortController();
    const lines: string[] = [];
    const errors: string[] = [];
    const watching = runCli(["watch", "--json"], {
      env: { TASKS_CONFIG_DIR: dir, TASKS_URL: TEST_ORIGIN },
      out: (text) => lines.push(text),
      err: (text) => errors.push(text),
      readStdin: async () => "",
      readFile: async () => "",
      fetch: (input, init) => app.fetch(new Request(input, init)),
      signal: interrupt.signal,
    });
    // Said on stderr once the stream is open (stdout is only the changes): from then on, nothing is missed.
    await vi.waitFor(() => expect(errors).toEqual([`Watching ${TEST_ORIGIN} for changes (Ctrl-C stops)…`]), { timeout: 10_000 });
    const task = await app.client(owner.token).task.create.mutate({ title: "Seen by watch" });
    await app.client(owner.token).task.delete.mutate({ id: task.id });
    for (let i = 0; i < 60 && lines.length < 2; i += 1) await new Promise((resolve) => setTimeout(resolve, 50));
    interrupt.abort();
    expect(await watching).toBe(0);
    expect(lines.map((line) => JSON.parse(line) as object)).toEqual([
      expect.objectContaining({ eventId: expect.stringMatching(/^\d+$/), type: "task.upserted", task: expect.objectContaining({ id: task.id, title: "Seen by watch" }) }),
      expect.objectContaining({ eventId: expect.stringMatching(/^\d+$/), type: "task.deleted", id: task.id }),
    ]);
    expect(errors).toHaveLength(1);
    cleanup();
  });

  it("watch ends within seconds when its session is signed out (tasks logout elsewhere), saying so", async () => {
    const { dir, run, cleanup } = await signedInCli(app, "watch-logout");
    const errors: string[] = [];
    const watching = runCli(["watch"], {
      env: { TASKS_CONFIG_DIR: dir, TASKS_URL: TEST_ORIGIN },
      out: () => {},
      err: (text) => errors.push(text),
      readStdin: async () => "",
      readFile: async () => "",
      fetch: (input, init) => app.fetch(new Request(input, init)),
    });
    await vi.waitFor(() => expect(errors[0]).toContain("Watching"), { timeout: 10_000 }); // the stream is open
    expect(await run(["logout"])).toMatchObject({ code: 0 });
    const started = Date.now();
    expect(await watching).toBe(3);
    expect(Date.now() - started).toBeLessThan(10_000);
    expect(errors.at(-1)).toBe("tasks: The session has ended: run 'tasks login' again.");
    cleanup();
  });

  it("another user's task id is not found, and nothing changes", async () => {
    const other = await app.signUp();
    const theirs = await app.client(other.token).task.create.mutate({ title: "Private" });
    for (const argv of [["done", theirs.id], ["edit", theirs.id, "--title", "Mine now"], ["rm", theirs.id]]) {
      expect(await tasks(argv)).toMatchObject({ code: 4 });
    }
    expect(await app.client(other.token).task.byId.query({ id: theirs.id })).toEqual(theirs);
  });

  it("reports a wrong password, an unreachable server, and an ended session", async () => {
    const dir = mkdtempSync(join(tmpdir(), "tasks-cli-"));
    expect(await tasks(["login", "--email", user.email, "--password-stdin"], { stdin: "wrong password!", dir })).toMatchObject({
      code: 3,
      err: `tasks: Invalid email or password. Forgot your password? Reset it at ${TEST_ORIGIN}/forgot-password`,
    });
    expect(await tasks(["login", "--url", "http://127.0.0.1:9", "--email", user.email, "--password-stdin"], { stdin: TEST_PASSWORD, dir })).toMatchObject({
      code: 5,
      err: "tasks: Cannot reach http://127.0.0.1:9",
    });
    expect(await tasks(["ls"], { dir })).toMatchObject({ code: 3, err: "tasks: Not signed in: run 'tasks login' first." });

    await tasks(["login", "--email", user.email, "--password-stdin"], { stdin: TEST_PASSWORD, dir });
    const cookie = (JSON.parse(await readFile(join(dir, "session.json"), "utf8")) as { sessionCookie: string }).sessionCookie;
    await app.fetch("/api/auth/sign-out", { method: "POST", headers: { cookie, origin: TEST_ORIGIN } });
    expect(await tasks(["ls"], { dir })).toMatchObject({ code: 3, err: "tasks: The session has ended: run 'tasks login' again." });
    rmSync(dir, { recursive: true });
  });

  it("logs out: the server session ends and the file is gone", async () => {
    const dir = mkdtempSync(join(tmpdir(), "tasks-cli-"));
    await tasks(["login", "--email", user.email, "--password-stdin"], { stdin: TEST_PASSWORD, dir });
    const cookie = (JSON.parse(await readFile(join(dir, "session.json"), "utf8")) as { sessionCookie: string }).sessionCookie;
    expect(await tasks(["logout"], { dir })).toMatchObject({ code: 0, out: "Signed out." });
    expect((await app.fetch("/api/auth/token", { headers: { cookie } })).status).toBe(401);
    expect(await tasks(["whoami"], { dir })).toMatchObject({ code: 3 });
    expect(await tasks(["logout"], { dir })).toMatchObject({ code: 0, out: "Not signed in." });
    rmSync(dir, { recursive: true });
  });
});
