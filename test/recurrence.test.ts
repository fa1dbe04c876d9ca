import { describe, expect, it } from "vitest";
import { describeRepeat, nextOccurrence, ruleOccurs } from "@/server/tasks/recurrence";
import { repeatInput, repeatRuleProblem } from "@/shared/repeat-input";

/** The next due date of a repeating task, computed by rrule in the rule's time zone. */
describe("nextOccurrence", () => {
  const berlin = (rule: string, fromCompletion = false) => ({ rule, fromCompletion, timeZone: "Europe/Berlin" });
  // Friday 3 January 2031, a day task: the last moment of that day in Berlin.
  const friday = new Date("2031-01-03T22:59:59.999Z");

  it.each([
    ["weekly on Friday, done early", berlin("FREQ=WEEKLY;BYDAY=FR"), "2031-01-02T10:00:00Z", "2031-01-10T22:59:59.999Z"],
    ["weekly on Friday, done late: the first Friday after now", berlin("FREQ=WEEKLY;BYDAY=FR"), "2031-01-15T10:00:00Z", "2031-01-17T22:59:59.999Z"],
    ["every 3 days after done: from the day of completion", berlin("FREQ=DAILY;INTERVAL=3", true), "2031-01-10T10:00:00Z", "2031-01-13T22:59:59.999Z"],
    ["monthly on the last Friday", berlin("FREQ=MONTHLY;BYDAY=-1FR"), "2031-01-02T10:00:00Z", "2031-01-31T22:59:59.999Z"],
    ["monthly on day 31 skips shorter months", berlin("FREQ=MONTHLY;BYMONTHDAY=31"), "2031-01-02T10:00:00Z", "2031-01-31T22:59:59.999Z"],
    ["yearly", berlin("FREQ=YEARLY"), "2031-01-02T10:00:00Z", "2032-01-03T22:59:59.999Z"],
    ["weekdays, over a weekend", berlin("FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR"), "2031-01-02T10:00:00Z", "2031-01-06T22:59:59.999Z"],
  ])("%s", (_name, repeat, now, expected) => {
    expect(nextOccurrence(repeat, friday, new Date(now))?.due.toISOString()).toBe(new Date(expected).toISOString());
  });

  it("keeps the wall-clock time across a daylight saving change (New York, March 2031)", () => {
    // Friday 7 March 2031 09:30 EST (14:30Z); Monday 10 March is EDT: 09:30 is 13:30Z.
    const next = nextOccurrence({ rule: "FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR", fromCompletion: false, timeZone: "America/New_York" }, new Date("2031-03-07T14:30:00Z"), new Date("2031-03-07T15:00:00Z"));
    expect(next?.due.toISOString()).toBe("2031-03-10T13:30:00.000Z");
  });

  it("counts COUNT down and ends the series after the last one", () => {
    const next = nextOccurrence(berlin("FREQ=DAILY;COUNT=2"), friday, new Date("2031-01-02T10:00:00Z"));
    expect(next).toEqual({ due: new Date("2031-01-04T22:59:59.999Z"), rule: "FREQ=DAILY;COUNT=1" });
    expect(nextOccurrence(berlin("FREQ=DAILY;COUNT=1"), friday, new Date())).toBeNull();
    expect(nextOccurrence(berlin("FREQ=DAILY;UNTIL=20310104"), new Date("2031-01-04T22:59:59.999Z"), new Date("2031-01-02T10:00:00Z"))).toBeNull();
  });

  it("says the rule in English", () => {
    expect(describeRepeat(berlin("FREQ=MONTHLY;BYDAY=-1FR"))).toBe("every month on the last Friday");
    expect(describeRepeat(berlin("FREQ=DAILY;INTERVAL=3", true))).toBe("every 3 days after done");
  });
});

describe("repeat rules accepted", () => {
  it.each(["FREQ=DAILY", "RRULE:FREQ=WEEKLY;BYDAY=MO,FR", "freq=monthly;byday=-1fr", "FREQ=MONTHLY;BYMONTHDAY=15", "FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=29", "FREQ=WEEKLY;INTERVAL=2;BYDAY=TU;UNTIL=20301231"])("%s", (rule) => {
    expect(repeatRuleProblem(rule)).toBeNull();
    expect(repeatInput.parse({ rule, timeZone: "UTC" }).rule).toBe(rule.replace(/^RRULE:/, "").toUpperCase());
  });

  it.each([
    ["FREQ=HOURLY", "Invalid FREQ"],
    ["INTERVAL=2", "needs FREQ"],
    ["FREQ=DAILY;FREQ=WEEKLY", "given twice"],
    ["FREQ=DAILY;DTSTART=20300101", "Unknown"],
    ["FREQ=WEEKLY;BYDAY=XX", "Invalid BYDAY"],
    ["FREQ=DAILY;INTERVAL=0", "Invalid INTERVAL"],
    ["FREQ=DAILY;COUNT=2;UNTIL=20300101", "COUNT or UNTIL"],
    // Rules that never occur would make rrule search day by day to the year 9999.
    ["FREQ=DAILY;BYMONTH=2;BYMONTHDAY=31", "never occurs"],
    ["FREQ=WEEKLY;BYDAY=1MO", "monthly and yearly"],
    ["FREQ=MONTHLY;BYDAY=6MO", "at most 5"],
    ["FREQ=MONTHLY;BYDAY=MO;BYSETPOS=40", "at most 31"],
  ])("refuses %s", (rule, problem) => {
    expect(repeatRuleProblem(rule)).toContain(problem);
    expect(repeatInput.safeParse({ rule, timeZone: "UTC" }).success).toBe(false);
  });

  it("refuses an unknown time zone and finds rules whose end has passed", () => {
    expect(repeatInput.safeParse({ rule: "FREQ=DAILY", timeZone: "Mars/Olympus" }).success).toBe(false);
    expect(ruleOccurs("FREQ=DAILY;UNTIL=20200101", new Date())).toBe(false);
    expect(ruleOccurs("FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=29", new Date())).toBe(true);
  });
});
