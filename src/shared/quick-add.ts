import { casual } from "chrono-node/en";
import { LABEL_LIMITS } from "./label-rules";
import { WEEKDAYS, type Weekday } from "./repeat-presets";
import type { Priority } from "./task-fields";
import { dayOf, dueDateFromDay } from "./task-view";

/** What a part of a quick-add text sets. */
export type QuickAddKind = "due" | "repeat" | "label" | "list" | "priority";

/** A recognised part of the text: `text` is `start..end` of it, as typed. */
export interface QuickAddToken {
  kind: QuickAddKind;
  text: string;
  start: number;
  end: number;
  /** Stable while the text around it changes: what {@link QuickAddContext.dismissed} holds. */
  key: string;
}

/** A quick-add text read into a task's fields. */
export interface QuickAdd {
  /** The text without the recognised parts (the whole text, trimmed, when nothing was recognised). */
  title: string;
  tokens: QuickAddToken[];
  /** A day (its last moment, as the details' day picker stores it) or a day and time. */
  dueDate?: Date;
  dueHasTime?: boolean;
  priority?: Priority;
  /** `#name`: the user's label of that name (ignoring case), or `id: null` for one to create. */
  labels: { name: string; id: string | null }[];
  /** `^name`: the user's list of that name (the longest that matches), `null` for `^inbox`. */
  listId?: string | null;
  /** "every friday", "every 3 days after done", …: an RFC 5545 rule, counted from the due date or from completion. */
  repeat?: { rule: string; fromCompletion: boolean };
}

/** What the text is read against. */
export interface QuickAddContext {
  /** "tomorrow" is the day after this (default: now), in this machine's time zone. */
  now?: Date;
  labels?: readonly { id: string; name: string }[];
  lists?: readonly { id: string; name: string }[];
  /** Keys of tokens the user dismissed: their words stay in the title. */
  dismissed?: ReadonlySet<string>;
}

const PRIORITY_WORDS: Record<string, Priority> = { high: "high", medium: "medium", med: "medium", low: "low", "1": "high", "2": "medium", "3": "low" };

const DAY_NAMES: [Weekday, string][] = [
  ["MO", "mondays?|mon"],
  ["TU", "tuesdays?|tues|tue"],
  ["WE", "wednesdays?|wed"],
  ["TH", "thursdays?|thurs|thur|thu"],
  ["FR", "fridays?|fri"],
  ["SA", "saturdays?|sat"],
  ["SU", "sundays?|sun"],
];
const DAY = `(?:${DAY_NAMES.map(([, names]) => names).join("|")})`;
const weekdayNamed = (name: string): Weekday => DAY_NAMES.find(([, names]) => new RegExp(`^(?:${names})$`, "i").test(name))![0];

/** Word edges that work for any script (`\b` knows only ASCII). */
const BEFORE = "(?<![\\p{L}\\p{N}_])";
const AFTER = "(?![\\p{L}\\p{N}_])";

const REPEAT = new RegExp(
  `${BEFORE}(?:every\\s+(?:(?<other>other)\\s+|(?<count>\\d{1,2})\\s+)?(?:(?<unit>day|week|month|year)s?|(?<weekday>weekday)s?|(?<weekend>weekend)s?|(?<dayList>${DAY}(?:\\s*(?:,|and|&)\\s*${DAY})*))` +
    `|every\\s+(?<nth>first|1st|second|2nd|third|3rd|fourth|4th|last)\\s+(?<nthDay>${DAY})(?:\\s+of\\s+(?:the|each|every)\\s+month)?` +
    `|(?<adverb>daily|weekly|monthly|yearly|annually|biweekly|fortnightly))` +
    `(?<afterDone>\\s+(?:after|from)\\s+(?:done|completion|completed|it is done))?${AFTER}`,
  "iu",
);
const UNIT_FREQ = { day: "DAILY", week: "WEEKLY", month: "MONTHLY", year: "YEARLY" } as const;
const ADVERB_RULE: Record<string, string> = {
  daily: "FREQ=DAILY",
  weekly: "FREQ=WEEKLY",
  monthly: "FREQ=MONTHLY",
  yearly: "FREQ=YEARLY",
  annually: "FREQ=YEARLY",
  biweekly: "FREQ=WEEKLY;INTERVAL=2",
  fortnightly: "FREQ=WEEKLY;INTERVAL=2",
};
/** "every last friday": the weekday's number in its month (RFC 5545's `-1FR`). */
const NTH: Record<string, number> = { first: 1, "1st": 1, second: 2, "2nd": 2, third: 3, "3rd": 3, fourth: 4, "4th": 4, last: -1 };

interface Found extends QuickAddToken {
  apply: (task: QuickAdd) => void;
}

const keyOf = (kind: QuickAddKind, text: string) => `${kind}:${text.trim().toLowerCase().replace(/\s+/g, " ")}`;
const token = (kind: QuickAddKind, text: string, start: number, apply: Found["apply"]): Found => ({ kind, text, start, end: start + text.length, key: keyOf(kind, text), apply });

/** `^name`: the longest of the user's list names the text goes on with (then `^inbox`). */
function findList(text: string, lists: readonly { id: string; name: string }[], skip: (key: string) => boolean): Found | null {
  for (const match of text.matchAll(/(?<!\S)\^(?=\S)/g)) {
    const rest = text.slice(match.index + 1).toLowerCase();
    const candidates = [...lists, { id: null, name: "inbox" }].filter(({ name }) => rest.startsWith(name.toLowerCase()) && !/^[\p{L}\p{N}_]/u.test(rest.slice(name.length)));
    const best = candidates.sort((a, b) => b.name.length - a.name.length).find(({ name }) => !skip(keyOf("list", `^${name}`)));
    if (best) return token("list", text.slice(match.index, match.index + 1 + best.name.length), match.index, (task) => void (task.listId = best.id));
  }
  return null;
}

function findLabels(text: string, labels: readonly { id: string; name: string }[], skip: (key: string) => boolean): Found[] {
  const found: Found[] = [];
  const seen = new Set<string>();
  for (const match of text.matchAll(/(?<!\S)#([^\s#]+)/g)) {
    const name = match[1]!.replace(/[.,;:!?)\]}"']+$/, "");
    const text_ = `#${name}`;
    if (name === "" || name.length > LABEL_LIMITS.nameMax || skip(keyOf("label", text_))) continue;
    // A label given twice is taken once (both leave the title).
    const again = seen.has(name.toLowerCase());
    seen.add(name.toLowerCase());
    const existing = labels.find((label) => label.name.toLowerCase() === name.toLowerCase());
    found.push(token("label", text_, match.index, (task) => void (again || task.labels.push(existing ? { name: existing.name, id: existing.id } : { name, id: null }))));
  }
  return found;
}

function findPriority(text: string, skip: (key: string) => boolean): Found | null {
  for (const match of text.matchAll(new RegExp(`(?<!\\S)!(high|medium|med|low|[123])${AFTER}`, "giu"))) {
    if (skip(keyOf("priority", match[0]))) continue;
    const priority = PRIORITY_WORDS[match[1]!.toLowerCase()]!;
    return token("priority", match[0], match.index, (task) => void (task.priority = priority));
  }
  return null;
}

/** The first day on or after `now` that is one of `days`. */
function firstDayOf(days: readonly Weekday[], now: Date): Date {
  for (let i = 0; i < 7; i += 1) {
    const day = new Date(now.getFullYear(), now.getMonth(), now.getDate() + i);
    if (days.includes(WEEKDAYS[(day.getDay() + 6) % 7]!)) return day;
  }
  return now;
}

/** The first day on or after `now` that is the `nth` (`-1`: last) `weekday` of its month. */
function firstNthWeekday(nth: number, weekday: Weekday, now: Date): Date {
  const today = new Date(now.getFullYear(), now.getMonth(), now.getDate());
  const target = (WEEKDAYS.indexOf(weekday) + 1) % 7; // Date#getDay: Sunday is 0
  for (let month = 0; ; month += 1) {
    const first = new Date(today.getFullYear(), today.getMonth() + month, 1);
    const days = new Date(first.getFullYear(), first.getMonth() + 1, 0).getDate();
    const firstMatch = 1 + ((target - first.getDay() + 7) % 7);
    const date = nth > 0 ? firstMatch + 7 * (nth - 1) : firstMatch + 7 * Math.floor((days - firstMatch) / 7);
    const day = new Date(first.getFullYear(), first.getMonth(), date);
    if (day >= today) return day;
  }
}

interface RepeatFound extends Found {
  /** Its first day, when the text gives no date. */
  firstDay: Date;
}

function findRepeat(text: string, now: Date, skip: (key: string) => boolean): RepeatFound | null {
  const pattern = new RegExp(REPEAT.source, "giu");
  for (const match of text.matchAll(pattern)) {
    const whole = match[0];
    const { other, count, unit, weekday, weekend, dayList, nth, nthDay, adverb, afterDone } = match.groups!;
    if (skip(keyOf("repeat", whole))) continue;
    const interval = other ? 2 : Number(count ?? 1);
    if (interval < 1) continue;
    const every = interval > 1 ? `;INTERVAL=${interval}` : "";
    let rule: string;
    let days: Weekday[] | null = null;
    let firstDay = now;
    if (adverb) rule = ADVERB_RULE[adverb.toLowerCase()]!;
    else if (unit) rule = `FREQ=${UNIT_FREQ[unit.toLowerCase() as keyof typeof UNIT_FREQ]}${every}`;
    else if (nth) {
      const day = weekdayNamed(nthDay!);
      const number = NTH[nth.toLowerCase()]!;
      rule = `FREQ=MONTHLY;BYDAY=${number}${day}`;
      firstDay = firstNthWeekday(number, day, now);
    } else if (weekday) {
      if (interval > 1) continue; // "every 2 weekdays" is not a weekly rule
      days = ["MO", "TU", "WE", "TH", "FR"];
      rule = `FREQ=WEEKLY;BYDAY=${days.join(",")}`;
    } else if (weekend) {
      days = ["SA", "SU"];
      rule = `FREQ=WEEKLY${every};BYDAY=${days.join(",")}`;
    } else {
      const named = [...dayList!.matchAll(new RegExp(DAY, "giu"))].map(([name]) => weekdayNamed(name));
      days = WEEKDAYS.filter((day) => named.includes(day));
      rule = `FREQ=WEEKLY${every};BYDAY=${days.join(",")}`;
    }
    if (days) firstDay = firstDayOf(days, now);
    const repeat = { rule, fromCompletion: Boolean(afterDone) };
    return { ...token("repeat", whole, match.index, (task) => void (task.repeat = repeat)), firstDay };
  }
  return null;
}

/** The text with `tokens` blanked out (same length, so indexes stay). */
const mask = (text: string, tokens: readonly QuickAddToken[]) =>
  tokens.reduce((masked, { start, end }) => masked.slice(0, start) + " ".repeat(end - start) + masked.slice(end), text);

/**
 * chrono with one more form: "on the 1st" (of the month), which it does not read alone. What follows
 * must end the phrase ("on the 3rd floor" is not a date): the text's end, punctuation, a marker, a time
 * or a word quick add reads next ("on the 1st every month", "on the 15th at 3pm").
 */
const dates = casual.clone();
dates.parsers.push({
  pattern: () =>
    /(?<![\p{L}\p{N}_])on\s+the\s+([1-9]|[12]\d|3[01])(?:st|nd|rd|th)(?:\s+of\s+(?:the|each|every)\s+month)?(?=\s*$|\s*[,.;:!?#^)]|\s+(?:at|every|by|and|from|after)(?![\p{L}\p{N}_])|\s+\d)/iu,
  extract: (context, match) => {
    const date = nextMonthDay(Number(match[1]), context.reference.instant);
    return context.createParsingComponents({ day: date.getDate() }).imply("month", date.getMonth() + 1).imply("year", date.getFullYear());
  },
});

/** The first day on or after `now` that is day `day` of its month (months without it are passed over). */
function nextMonthDay(day: number, now: Date): Date {
  const today = new Date(now.getFullYear(), now.getMonth(), now.getDate());
  for (let month = 0; ; month += 1) {
    const candidate = new Date(today.getFullYear(), today.getMonth() + month, day);
    if (candidate.getDate() === day && candidate >= today) return candidate;
  }
}

/** "8 hours", "a week", "30 min": an amount of time (how long), not a moment; "in 8 hours" is one. */
const DURATION_ALONE = /^(?:an?|one|\d+(?:[.,]\d+)?)\s*[a-z]+$/i;

/**
 * The hour meant by a time given without am or pm: 1 to 6 are the afternoon's ("call at 3" is not a
 * 3 a.m. call), 7 to 12 as written. A 24-hour time ("15:00", "03:00") or a day part ("5 tonight") is
 * certain already.
 */
const hourMeant = (hour: number, meridiemGiven: boolean) => (!meridiemGiven && hour >= 1 && hour <= 6 ? hour + 12 : hour);

/**
 * A date or time in the text (chrono, and "on the 1st"), skipping ones that name only a month or a
 * year ("in May"), "now" or "a second" (moments that have passed once the task is saved), durations
 * ("sleep 8 hours"), the past ("3 days ago") and words right after a marker (`!now`).
 */
function findDue(text: string, now: Date, repeat: RepeatFound | null, skip: (key: string) => boolean): Found | null {
  for (const result of dates.parse(text, now, { forwardDate: true })) {
    const { start } = result;
    const hasDay = start.isCertain("day") || start.isCertain("weekday");
    const hasTime = start.isCertain("hour");
    const relative = result.tags().has("result/relativeDate");
    if (
      (!hasDay && !hasTime) ||
      /^(?:(?:right )?now|(?:a|an|one) (?:second|minute|moment))$/i.test(result.text) ||
      (relative && (DURATION_ALONE.test(result.text) || /\sago$/i.test(result.text))) ||
      /[!#^]$/.test(text.slice(0, result.index)) ||
      skip(keyOf("due", result.text))
    )
      continue;
    const at = start.date();
    // "03:00" is a 24-hour time: its leading zero says so.
    const hour = hourMeant(at.getHours(), start.isCertain("meridiem") || /(?<!\d)0\d:\d\d/.test(result.text));
    // A time alone goes on the repeat's first day ("every friday 5pm"), else on the next day it is still
    // ahead (chrono chose by the hour as written), or on the day the text gives.
    let day = at;
    if (!hasDay && repeat) day = repeat.firstDay;
    else if (!hasDay) {
      const today = new Date(now.getFullYear(), now.getMonth(), now.getDate(), hour, at.getMinutes());
      day = today > now ? today : new Date(now.getFullYear(), now.getMonth(), now.getDate() + 1);
    }
    const dueDate = hasTime ? new Date(day.getFullYear(), day.getMonth(), day.getDate(), hour, at.getMinutes()) : dueDateFromDay(dayOf(day))!;
    // "at noon", "on the 3rd of May", "by friday", "due monday": the words before are part of it when
    // chrono left them out ("stop by tomorrow" keeps its "by").
    const before = /(?<![\p{L}\p{N}_])(?:at|on(?:\s+the)?|(?<!(?:stop|drop|come|swing|stand|pass|go)(?:ping|ing)?\s+)by|due(?:\s+(?:by|on))?)\s+$/iu.exec(text.slice(0, result.index));
    const start_ = before ? before.index : result.index;
    return token("due", text.slice(start_, result.index + result.text.length), start_, (task) => {
      task.dueDate = dueDate;
      task.dueHasTime = hasTime;
    });
  }
  return null;
}

/**
 * Reads `Call mom tomorrow 5pm #family !high every friday ^Home` into a title and fields: a date or a
 * date and time (chrono-node, in this machine's time zone), `#label` (a new name makes a new label),
 * `!high`/`!medium`/`!low` or `!1`..`!3` (1 is high), a repeat ("every friday", "every 3 days after done",
 * "daily", "every weekday", "every other week"), and `^list` (one of the user's lists, or `^inbox`).
 * A repeat without a date starts on its first day. When nothing else is left for a title, nothing is
 * recognised: a text like "Tomorrow" stays the title it is.
 */
export function parseQuickAdd(text: string, { now = new Date(), labels = [], lists = [], dismissed = new Set() }: QuickAddContext = {}): QuickAdd {
  const plain: QuickAdd = { title: text.trim(), tokens: [], labels: [] };
  if (text.trim() === "") return plain;
  const skip = (key: string) => dismissed.has(key);
  const found: Found[] = [];
  const take = <T extends Found | null>(part: T): T => {
    if (part) found.push(part);
    return part;
  };

  take(findList(text, lists, skip));
  found.push(...findLabels(mask(text, found), labels, skip));
  take(findPriority(mask(text, found), skip));
  const repeat = take(findRepeat(mask(text, found), now, skip));
  take(findDue(mask(text, found), now, repeat, skip));
  if (found.length === 0) return plain;

  const title = mask(text, found).replace(/\s+/g, " ").trim();
  if (title === "") return plain;
  const task: QuickAdd = { title, tokens: [], labels: [] };
  for (const part of found.sort((a, b) => a.start - b.start)) {
    part.apply(task);
    task.tokens.push({ kind: part.kind, text: part.text, start: part.start, end: part.end, key: part.key });
  }
  // A repeat counts from a due date: without one in the text, its first day is the due day.
  if (task.repeat && !task.dueDate) {
    task.dueDate = dueDateFromDay(dayOf(repeat!.firstDay))!;
    task.dueHasTime = false;
  }
  return task;
}
