import { describe, expect, it } from "vitest";
import { MIGHT_PARSE } from "@/components/tasks/use-quick-add";
import { parseQuickAdd, type QuickAddContext } from "@/shared/quick-add";

/** Wednesday 3 December 2031, 10:00 on this machine's clock: "tomorrow" is Thursday the 4th. */
const now = new Date(2031, 11, 3, 10, 0);
const endOfDay = (y: number, m: number, d: number) => new Date(y, m, d, 23, 59, 59, 999);
const context: QuickAddContext = {
  now,
  labels: [{ id: "label-family", name: "Family" }],
  lists: [
    { id: "list-work", name: "Work" },
    { id: "list-work-projects", name: "Work projects" },
  ],
};
const read = (text: string, extra: Partial<QuickAddContext> = {}) => parseQuickAdd(text, { ...context, ...extra });

describe("parseQuickAdd", () => {
  it("reads the issue's example: a day and time, a label, a priority and a weekly repeat", () => {
    const task = read("Call mom tomorrow 5pm #family !high every friday");
    expect(task).toMatchObject({
      title: "Call mom",
      dueDate: new Date(2031, 11, 4, 17, 0),
      dueHasTime: true,
      priority: "high",
      labels: [{ id: "label-family", name: "Family" }],
      repeat: { rule: "FREQ=WEEKLY;BYDAY=FR", fromCompletion: false },
    });
    expect(task.tokens.map((t) => [t.kind, t.text])).toEqual([
      ["due", "tomorrow 5pm"],
      ["label", "#family"],
      ["priority", "!high"],
      ["repeat", "every friday"],
    ]);
  });

  it("leaves a plain title exactly as typed (trimmed), with nothing recognised", () => {
    for (const title of ["Buy milk", "buy some cheese", "feed the cat", "book a doctors appointment", "  spaced   out  ", "Email #", "Wow!", "Price is 5 dollars"]) {
      const task = read(title);
      expect(task).toEqual({ title: title.trim(), tokens: [], labels: [] });
    }
  });

  it("keeps the text as the title when nothing else would be left", () => {
    expect(read("Tomorrow")).toEqual({ title: "Tomorrow", tokens: [], labels: [] });
    expect(read("#family !high")).toEqual({ title: "#family !high", tokens: [], labels: [] });
  });

  it("takes a day without a time as that day (its last moment)", () => {
    expect(read("Pay rent on friday")).toMatchObject({ dueDate: endOfDay(2031, 11, 5), dueHasTime: false });
    expect(read("Dentist Dec 24")).toMatchObject({ title: "Dentist", dueDate: endOfDay(2031, 11, 24), dueHasTime: false });
  });

  it("takes a time alone as the next such time (today, or tomorrow once it has passed)", () => {
    expect(read("Stand-up at 11am")).toMatchObject({ title: "Stand-up", dueDate: new Date(2031, 11, 3, 11, 0), dueHasTime: true });
    expect(read("Stand-up at 9am")).toMatchObject({ dueDate: new Date(2031, 11, 4, 9, 0), dueHasTime: true });
  });

  it("takes the 'at', 'on', 'by' or 'due' before a date with it", () => {
    expect(read("Lunch at noon")).toMatchObject({ title: "Lunch", dueDate: new Date(2031, 11, 3, 12, 0), dueHasTime: true });
    expect(read("Dinner on friday").title).toBe("Dinner");
    expect(read("Send the report by friday")).toMatchObject({ title: "Send the report", dueDate: endOfDay(2031, 11, 5) });
    expect(read("Report due monday")).toMatchObject({ title: "Report", dueDate: endOfDay(2031, 11, 8) });
    expect(read("Report due by monday").title).toBe("Report");
    // A verb's own "by" stays.
    expect(read("Stop by tomorrow")).toMatchObject({ title: "Stop by", dueDate: endOfDay(2031, 11, 4) });
  });

  it("takes an hour from 1 to 6 without am or pm as the afternoon's, and the rest as written", () => {
    // 10:00 now: 3 PM is still ahead today, and 8 (in the morning) has passed.
    expect(read("Call the bank at 3")).toMatchObject({ title: "Call the bank", dueDate: new Date(2031, 11, 3, 15, 0), dueHasTime: true });
    expect(read("Pick up the kids at 3:30")).toMatchObject({ dueDate: new Date(2031, 11, 3, 15, 30) });
    expect(read("Run at 8")).toMatchObject({ dueDate: new Date(2031, 11, 4, 8, 0) });
    expect(read("Lunch 12:30")).toMatchObject({ dueDate: new Date(2031, 11, 3, 12, 30) });
    expect(read("Sync friday at 4")).toMatchObject({ dueDate: new Date(2031, 11, 5, 16, 0) });
    // Said outright: kept.
    expect(read("Flight at 3am")).toMatchObject({ dueDate: new Date(2031, 11, 4, 3, 0) });
    expect(read("Backup at 03:00")).toMatchObject({ dueDate: new Date(2031, 11, 4, 3, 0) });
    expect(read("Call at 5 tonight")).toMatchObject({ dueDate: new Date(2031, 11, 3, 17, 0) });
    // After 3 PM, "at 3" is tomorrow's.
    expect(read("Call the bank at 3", { now: new Date(2031, 11, 3, 16, 0) })).toMatchObject({ dueDate: new Date(2031, 11, 4, 15, 0) });
  });

  it("leaves an amount of time and the past as words: they are not when the task is due", () => {
    for (const text of ["Sleep 8 hours", "Read 20 minutes", "Wait 2 days", "Take a 30 min break", "Called 3 days ago"]) {
      expect(read(text)).toMatchObject({ title: text, tokens: [] });
    }
    expect(read("Ping Sam in 30 minutes")).toMatchObject({ title: "Ping Sam", dueDate: new Date(2031, 11, 3, 10, 30), dueHasTime: true });
    expect(read("Renew passport in 2 weeks")).toMatchObject({ title: "Renew passport", dueDate: endOfDay(2031, 11, 17) });
  });

  it("skips a month or year alone: no day to be due on", () => {
    expect(read("Plan the trip in May").tokens).toEqual([]);
  });

  it.each([
    ["!low", "low"],
    ["!medium", "medium"],
    ["!med", "medium"],
    ["!HIGH", "high"],
    ["!1", "high"],
    ["!2", "medium"],
    ["!3", "low"],
  ] as const)("reads %s as %s priority", (word, priority) => {
    expect(read(`Task ${word}`)).toMatchObject({ title: "Task", priority });
  });

  it("ignores ! that is not a priority", () => {
    expect(read("Ship it !now").tokens).toEqual([]);
    expect(read("Task !4").tokens).toEqual([]);
  });

  it("reads labels, known ones by name (any case) and new ones to make, each once", () => {
    expect(read("Call #FAMILY #gifts, #family")).toMatchObject({
      title: "Call ,",
      labels: [
        { id: "label-family", name: "Family" },
        { id: null, name: "gifts" },
      ],
    });
    expect(read("Issue a#b stays")).toEqual({ title: "Issue a#b stays", tokens: [], labels: [] });
  });

  it("reads ^list as the longest list name that matches, and ^inbox as the Inbox", () => {
    expect(read("Review ^work projects today")).toMatchObject({ title: "Review", listId: "list-work-projects", dueDate: endOfDay(2031, 11, 3) });
    expect(read("Review ^Work")).toMatchObject({ title: "Review", listId: "list-work" });
    expect(read("Review ^inbox")).toMatchObject({ title: "Review", listId: null });
    expect(read("Review ^nowhere").tokens).toEqual([]);
    expect(read("Review ^workshop").tokens).toEqual([]);
  });

  it.each([
    ["every day", "FREQ=DAILY", false],
    ["daily", "FREQ=DAILY", false],
    ["every 3 days after done", "FREQ=DAILY;INTERVAL=3", true],
    ["every other week", "FREQ=WEEKLY;INTERVAL=2", false],
    ["every weekday", "FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR", false],
    ["every monday and wed", "FREQ=WEEKLY;BYDAY=MO,WE", false],
    ["every 2 weeks", "FREQ=WEEKLY;INTERVAL=2", false],
    ["monthly", "FREQ=MONTHLY", false],
    ["every year", "FREQ=YEARLY", false],
    ["annually from completion", "FREQ=YEARLY", true],
    ["every weekend", "FREQ=WEEKLY;BYDAY=SA,SU", false],
    ["every other weekend", "FREQ=WEEKLY;INTERVAL=2;BYDAY=SA,SU", false],
    ["biweekly", "FREQ=WEEKLY;INTERVAL=2", false],
    ["fortnightly after done", "FREQ=WEEKLY;INTERVAL=2", true],
    ["every last friday", "FREQ=MONTHLY;BYDAY=-1FR", false],
    ["every first monday of the month", "FREQ=MONTHLY;BYDAY=1MO", false],
    ["every 3rd wed", "FREQ=MONTHLY;BYDAY=3WE", false],
  ])("reads %s as %s", (words, rule, fromCompletion) => {
    expect(read(`Water the plants ${words}`)).toMatchObject({ title: "Water the plants", repeat: { rule, fromCompletion } });
  });

  it("starts a repeat without a date on its first day", () => {
    expect(read("Gym every friday")).toMatchObject({ dueDate: endOfDay(2031, 11, 5), dueHasTime: false });
    expect(read("Gym every wednesday")).toMatchObject({ dueDate: endOfDay(2031, 11, 3) });
    expect(read("Gym every day")).toMatchObject({ dueDate: endOfDay(2031, 11, 3) });
    expect(read("Gym every friday 7pm")).toMatchObject({ title: "Gym", dueDate: new Date(2031, 11, 5, 19, 0), dueHasTime: true });
  });

  it("starts a weekend's or a month's weekday repeat on its next such day", () => {
    expect(read("Clean every weekend")).toMatchObject({ title: "Clean", dueDate: endOfDay(2031, 11, 6) });
    expect(read("Report every last friday")).toMatchObject({ title: "Report", dueDate: endOfDay(2031, 11, 26) });
    expect(read("Report every last friday at 4")).toMatchObject({ dueDate: new Date(2031, 11, 26, 16, 0), dueHasTime: true });
    // The first Monday of December (the 1st) has passed.
    expect(read("Board every first monday of the month")).toMatchObject({ title: "Board", dueDate: endOfDay(2032, 0, 5) });
  });

  it("reads 'on the 1st' as the next such day of a month, with a time or a repeat, and not 'on the 3rd floor'", () => {
    expect(read("Pay rent on the 1st")).toMatchObject({ title: "Pay rent", dueDate: endOfDay(2032, 0, 1), dueHasTime: false });
    expect(read("Pay rent on the 3rd")).toMatchObject({ dueDate: endOfDay(2031, 11, 3) });
    expect(read("Pay rent every month on the 1st")).toMatchObject({ title: "Pay rent", dueDate: endOfDay(2032, 0, 1), repeat: { rule: "FREQ=MONTHLY" } });
    expect(read("Call on the 15th at 3pm")).toMatchObject({ title: "Call", dueDate: new Date(2031, 11, 15, 15, 0), dueHasTime: true });
    expect(read("Dentist on the 3rd of January")).toMatchObject({ title: "Dentist", dueDate: endOfDay(2032, 0, 3) });
    // A month without that day is passed over.
    expect(read("Invoice on the 30th", { now: new Date(2031, 1, 10) })).toMatchObject({ dueDate: endOfDay(2031, 2, 30) });
    expect(read("Meet on the 3rd floor").tokens).toEqual([]);
    expect(read("Read the 3rd chapter").tokens).toEqual([]);
  });

  it("refuses repeats it cannot write as a rule", () => {
    expect(read("Task every 0 days").repeat).toBeUndefined();
    expect(read("Task every 2 weekdays").repeat).toBeUndefined();
  });

  it("leaves a dismissed part's words in the title", () => {
    const first = read("Meet friday #family");
    const due = first.tokens.find((t) => t.kind === "due")!;
    const dismissed = new Set([due.key]);
    expect(read("Meet friday #family", { dismissed })).toMatchObject({ title: "Meet friday", labels: [{ id: "label-family" }] });
    // The key survives edits around it.
    expect(read("Meet Ann friday #family", { dismissed }).title).toBe("Meet Ann friday");
  });

  // The field adds a text MIGHT_PARSE passes over at once, without waiting for the parser: every phrase
  // the parser reads must be one it stops for, or the phrase would stay in the title.
  it.each([
    "Call at 3",
    "Sync biweekly",
    "Sync fortnightly",
    "Clean every weekend",
    "Report every last friday",
    "Pay rent on the 1st",
    "Report by friday",
    "Renew passport in 2 weeks",
    "Call mom tomorrow 5pm #family !high every friday ^Home",
  ])("the field waits for the parser on %s", (text) => {
    expect(read(text).tokens).not.toEqual([]);
    expect(MIGHT_PARSE.test(text)).toBe(true);
  });
});
