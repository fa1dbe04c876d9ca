import { z } from "zod";

/** Longest repeat rule whatever the configuration says (`REPEAT_RULE_MAX_LENGTH` lowers it). */
export const REPEAT_RULE_HARD_MAX = 500;

const DAY = "(?:MO|TU|WE|TH|FR|SA|SU)";
const list = (item: string) => `${item}(?:,${item})*`;
const NONZERO = (max: 31 | 366) => (max === 31 ? "-?(?:[1-9]|[12][0-9]|3[01])" : "-?(?:[1-9]|[1-9][0-9]|[1-2][0-9][0-9]|3[0-5][0-9]|36[0-6])");
/**
 * The RFC 5545 RRULE parts a task's repeat may use, each with its value's grammar. Daily to yearly only
 * (a task does not repeat by the hour), no DTSTART (the due date is the start) and nothing unknown.
 */
const PARTS: Record<string, RegExp> = {
  FREQ: /^(?:DAILY|WEEKLY|MONTHLY|YEARLY)$/,
  INTERVAL: /^(?:[1-9]|[1-9][0-9])$/,
  BYDAY: new RegExp(`^${list(`(?:[+-]?(?:[1-9]|[1-4][0-9]|5[0-3]))?${DAY}`)}$`),
  BYMONTHDAY: new RegExp(`^${list(NONZERO(31))}$`),
  BYMONTH: /^(?:[1-9]|1[0-2])(?:,(?:[1-9]|1[0-2]))*$/,
  BYSETPOS: new RegExp(`^${list(NONZERO(366))}$`),
  COUNT: /^(?:[1-9][0-9]{0,2}|1000)$/,
  UNTIL: /^\d{8}(?:T\d{6}Z?)?$/,
  WKST: new RegExp(`^${DAY}$`),
};

/** Why `rule` is not a repeat rule this app takes, or `null` when it is (`RRULE:` in front is allowed). */
export function repeatRuleProblem(rule: string): string | null {
  const body = rule.replace(/^RRULE:/i, "");
  const seen = new Set<string>();
  for (const part of body.split(";")) {
    const [key = "", value = "", ...extra] = part.split("=");
    const name = key.toUpperCase();
    if (extra.length > 0 || !(name in PARTS)) return `Unknown repeat rule part "${key}"`;
    if (seen.has(name)) return `Repeat rule part ${name} is given twice`;
    if (!PARTS[name]!.test(value.toUpperCase())) return `Invalid ${name} in the repeat rule`;
    seen.add(name);
  }
  if (!seen.has("FREQ")) return "A repeat rule needs FREQ (DAILY, WEEKLY, MONTHLY or YEARLY)";
  if (seen.has("COUNT") && seen.has("UNTIL")) return "A repeat rule takes COUNT or UNTIL, not both";
  return impossible(Object.fromEntries(body.toUpperCase().split(";").map((part) => part.split("=") as [string, string])));
}

const DAYS_IN_MONTH = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/**
 * Rules that can never occur, found from their parts: such a rule would make rrule search day by day
 * to the year 9999 (seconds of work per request). RFC 5545 also keeps BYSETPOS and numbered weekdays
 * ("1MO") to monthly and yearly rules.
 */
function impossible(parts: Record<string, string>): string | null {
  const periodic = parts.FREQ === "MONTHLY" || parts.FREQ === "YEARLY";
  if (!periodic && (parts.BYSETPOS || /\d/.test(parts.BYDAY ?? ""))) return "BYSETPOS and numbered weekdays (1MO, -1FR) are for monthly and yearly rules";
  const monthly = parts.FREQ === "MONTHLY";
  const numbers = (parts.BYDAY ?? "").match(/-?\d+/g)?.map(Number) ?? [];
  if (monthly && numbers.some((n) => Math.abs(n) > 5)) return "A month has at most 5 of each weekday";
  if (monthly && (parts.BYSETPOS ?? "").split(",").some((n) => Math.abs(Number(n)) > 31)) return "A month has at most 31 days to choose from";
  if (!parts.BYMONTHDAY) return null;
  const days = parts.BYMONTHDAY.split(",").map(Number);
  const months = parts.BYMONTH ? parts.BYMONTH.split(",").map(Number) : DAYS_IN_MONTH.map((_, i) => i + 1);
  const fits = months.some((month) => days.some((day) => Math.abs(day) <= DAYS_IN_MONTH[month - 1]!));
  return fits ? null : "This repeat rule never occurs (no such day in those months)";
}

/** A rule as stored: upper case, without the `RRULE:` prefix. */
export const normalizeRepeatRule = (rule: string) => rule.trim().replace(/^RRULE:/i, "").toUpperCase();

/** Whether `timeZone` is an IANA time zone this runtime knows. */
function knownTimeZone(timeZone: string): boolean {
  try {
    new Intl.DateTimeFormat("en", { timeZone });
    return true;
  } catch {
    return false;
  }
}

/**
 * How a task repeats: an RFC 5545 RRULE (`FREQ=WEEKLY;BYDAY=FR`), counted from the due date or, with
 * `fromCompletion`, from the day it is done ("every 3 days after done"), in `timeZone` (the user's, so
 * "every Friday" is their Friday).
 */
export const repeatInput = z.object({
  rule: z
    .string()
    .trim()
    .min(1, "The repeat rule must not be empty")
    .max(REPEAT_RULE_HARD_MAX, `The repeat rule must be at most ${REPEAT_RULE_HARD_MAX} characters`)
    .superRefine((rule, ctx) => {
      const problem = repeatRuleProblem(rule);
      if (problem) ctx.addIssue({ code: "custom", message: problem });
    })
    .transform(normalizeRepeatRule),
  fromCompletion: z.boolean().default(false),
  timeZone: z.string().max(64).refine(knownTimeZone, "Unknown time zone"),
});
export type RepeatInput = z.output<typeof repeatInput>;
