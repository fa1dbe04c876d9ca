/**
 * The repeat choices the details form offers, as RRULE strings and back: daily, weekdays, weekly on
 * chosen days, monthly on a day of the month or on the last weekday, yearly, each every N units; any other
 * rule is "custom" and edited as text. String building only: the server's rrule reads them.
 */
export const WEEKDAYS = ["MO", "TU", "WE", "TH", "FR", "SA", "SU"] as const;
export type Weekday = (typeof WEEKDAYS)[number];

export const REPEAT_KINDS = ["none", "daily", "weekdays", "weekly", "monthly-day", "monthly-last", "yearly", "custom"] as const;
export type RepeatKind = (typeof REPEAT_KINDS)[number];

/** A repeat as the form holds it. */
export interface RepeatChoice {
  kind: RepeatKind;
  /** Every `interval` days, weeks, months or years. */
  interval: number;
  /** Weekly: on these days. */
  days: Weekday[];
  /** Custom: the rule as typed. */
  custom: string;
}

/** The weekday of `date` in this browser's calendar, as RRULE writes it. */
export const weekdayOf = (date: Date): Weekday => WEEKDAYS[(date.getDay() + 6) % 7]!;

const partsOf = (rule: string) => new Map(rule.split(";").map((part) => part.split("=") as [string, string]));

/** Reads a stored rule into the form's choice (`due`: the task's due date, for the defaults). */
export function choiceOf(rule: string | null, due: Date | null): RepeatChoice {
  const base: RepeatChoice = { kind: "none", interval: 1, days: due ? [weekdayOf(due)] : ["MO"], custom: rule ?? "" };
  if (!rule) return base;
  const parts = partsOf(rule);
  const interval = Number(parts.get("INTERVAL") ?? 1);
  const freq = parts.get("FREQ");
  const keys = [...parts.keys()].filter((key) => key !== "FREQ" && key !== "INTERVAL").sort().join();
  const byDay = parts.get("BYDAY");
  if (freq === "DAILY" && keys === "") return { ...base, kind: "daily", interval };
  if (freq === "WEEKLY" && keys === "BYDAY" && byDay === "MO,TU,WE,TH,FR" && interval === 1) return { ...base, kind: "weekdays" };
  if (freq === "WEEKLY" && keys === "") return { ...base, kind: "weekly", interval };
  if (freq === "WEEKLY" && keys === "BYDAY" && byDay && /^[A-Z]{2}(,[A-Z]{2})*$/.test(byDay)) return { ...base, kind: "weekly", interval, days: byDay.split(",") as Weekday[] };
  if (freq === "MONTHLY" && keys === "BYMONTHDAY" && /^\d+$/.test(parts.get("BYMONTHDAY") ?? "")) return { ...base, kind: "monthly-day", interval };
  if (freq === "MONTHLY" && keys === "BYDAY" && /^-1[A-Z]{2}$/.test(byDay ?? "")) return { ...base, kind: "monthly-last", interval };
  if (freq === "YEARLY" && keys === "") return { ...base, kind: "yearly", interval };
  return { ...base, kind: "custom" };
}

/** The rule for a choice (`due` decides the day of the month and the weekday); `null` for no repeat. */
export function ruleOf(choice: RepeatChoice, due: Date): string | null {
  const every = choice.interval > 1 ? `;INTERVAL=${choice.interval}` : "";
  switch (choice.kind) {
    case "none":
      return null;
    case "daily":
      return `FREQ=DAILY${every}`;
    case "weekdays":
      return "FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR";
    case "weekly": {
      const days = WEEKDAYS.filter((day) => choice.days.includes(day));
      return `FREQ=WEEKLY${every};BYDAY=${(days.length > 0 ? days : [weekdayOf(due)]).join(",")}`;
    }
    case "monthly-day":
      return `FREQ=MONTHLY${every};BYMONTHDAY=${due.getDate()}`;
    case "monthly-last":
      return `FREQ=MONTHLY${every};BYDAY=-1${weekdayOf(due)}`;
    case "yearly":
      return `FREQ=YEARLY${every}`;
    case "custom":
      return choice.custom.trim().replace(/^RRULE:/i, "").toUpperCase() || null;
  }
}
