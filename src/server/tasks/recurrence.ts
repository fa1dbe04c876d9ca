import { TZDate } from "@date-fns/tz";
import * as rrulePackage from "rrule";

// rrule ships CommonJS for Node and ESM for bundlers: its named export is found under `default` in Node's ESM.
type RRuleModule = typeof rrulePackage;
const { RRule } = (rrulePackage as RRuleModule & { default?: RRuleModule }).default ?? rrulePackage;

/** How far ahead the next occurrence is looked for, by frequency: bounds the work a rule can cause. */
const HORIZON_YEARS: Record<string, number> = { DAILY: 5, WEEKLY: 5, MONTHLY: 20, YEARLY: 200 };

/** A task's repeat as stored. */
export interface Repeat {
  rule: string;
  fromCompletion: boolean;
  timeZone: string;
}

/**
 * rrule works in "floating" time: a Date whose UTC fields are the wall clock. `instant` as the wall clock
 * of `timeZone`, and back.
 */
function toWallClock(instant: Date, timeZone: string): Date {
  const d = new TZDate(instant.getTime(), timeZone);
  return new Date(Date.UTC(d.getFullYear(), d.getMonth(), d.getDate(), d.getHours(), d.getMinutes(), d.getSeconds(), d.getMilliseconds()));
}
function fromWallClock(wall: Date, timeZone: string): Date {
  return new Date(
    new TZDate(wall.getUTCFullYear(), wall.getUTCMonth(), wall.getUTCDate(), wall.getUTCHours(), wall.getUTCMinutes(), wall.getUTCSeconds(), wall.getUTCMilliseconds(), timeZone).getTime(),
  );
}

/** The next occurrence of `rule` (started at `start`) after `after`, both wall clock; `null` within the horizon. */
function firstAfter(options: ReturnType<typeof RRule.parseString>, start: Date, after: Date): Date | null {
  const rule = new RRule({ ...options, dtstart: start });
  const horizon = new Date(after);
  horizon.setUTCFullYear(horizon.getUTCFullYear() + (HORIZON_YEARS[RRule.FREQUENCIES[options.freq ?? RRule.DAILY]!] ?? 5));
  // between() with an iterator that stops at the first hit: bounded by the horizon however sparse the rule.
  return rule.between(after, horizon, false, (_date, i) => i < 1)[0] ?? null;
}

/**
 * Where a repeating task goes when an occurrence due at `due` is completed (or skipped) at `now`: the
 * next due instant (same time of day, in the rule's time zone) and the rule to keep (a COUNT counts down),
 * or `null` when the series is over. From the due date, the schedule is kept and the next occurrence is
 * the first after both the due date and now (a late completion does not leave it overdue); from
 * completion, it is counted from the day of completion.
 */
export function nextOccurrence(repeat: Repeat, due: Date, now: Date): { due: Date; rule: string } | null {
  const options = RRule.parseString(repeat.rule);
  if (options.count !== undefined && options.count !== null && options.count <= 1) return null;
  const dueWall = toWallClock(due, repeat.timeZone);
  let start = dueWall;
  let after = dueWall;
  if (repeat.fromCompletion) {
    const nowWall = toWallClock(now, repeat.timeZone);
    // The day of completion, at the due date's time of day.
    start = new Date(Date.UTC(nowWall.getUTCFullYear(), nowWall.getUTCMonth(), nowWall.getUTCDate(), dueWall.getUTCHours(), dueWall.getUTCMinutes(), dueWall.getUTCSeconds(), dueWall.getUTCMilliseconds()));
    after = start;
  } else {
    const nowWall = toWallClock(now, repeat.timeZone);
    if (nowWall > after) after = nowWall;
  }
  const next = firstAfter({ ...options, count: null }, start, after);
  if (!next) return null;
  const rule = options.count ? RRule.optionsToString({ ...options, count: options.count - 1 }).replace(/^RRULE:/, "") : repeat.rule;
  return { due: fromWallClock(next, repeat.timeZone), rule };
}

/** Whether `rule` has an occurrence within its horizon after `from` (a rule like "February 30th" never does). */
export function ruleOccurs(rule: string, from: Date): boolean {
  const options = RRule.parseString(rule);
  return firstAfter({ ...options, count: null, until: options.until ?? null }, from, from) !== null;
}

/** The rule in plain English ("every week on Friday"), for rows and the CLI. */
export function describeRepeat(repeat: Repeat): string {
  const text = new RRule(RRule.parseString(repeat.rule)).toText();
  return repeat.fromCompletion ? `${text} after done` : text;
}
