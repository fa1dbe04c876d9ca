import { describe, expect, it } from "vitest";
import { dayOf, dueDateFromDay, parseTaskPageParams, taskPageHref, taskPageInput } from "@/shared/task-view";

const params = (query: string) => parseTaskPageParams((name) => new URLSearchParams(query).get(name));

describe("task page URL state", () => {
  it("reads known values and falls back to defaults", () => {
    expect(params("")).toEqual({ filter: "all", view: null, search: "", sort: "created" });
    expect(params("filter=active&view=today&q=milk&sort=due")).toEqual({ filter: "active", view: "today", search: "milk", sort: "due" });
    expect(params("filter=nope&view=tomorrow&sort=random")).toEqual({ filter: "all", view: null, search: "", sort: "created" });
  });

  it("round-trips through the URL, leaving defaults out", () => {
    expect(taskPageHref(params(""))).toBe("/");
    expect(taskPageHref(params("filter=completed"))).toBe("/?filter=completed");
    const full = "filter=active&view=upcoming&q=a+b&sort=priority";
    expect(params(taskPageHref(params(full)).slice(2))).toEqual(params(full));
  });

  it("builds the plain page's list input with nothing but filter and limit", () => {
    expect(taskPageInput(params("filter=active"))).toEqual({ filter: "active", limit: 50 });
  });

  it("turns date views into local-day ranges", () => {
    const today = new Date(2030, 4, 15, 13, 30);
    expect(taskPageInput(params("view=today"), today)).toMatchObject({ dueFrom: new Date(2030, 4, 15), dueBefore: new Date(2030, 4, 16) });
    expect(taskPageInput(params("view=overdue"), today)).toEqual({ filter: "active", limit: 50, dueBefore: new Date(2030, 4, 15) });
    expect(taskPageInput(params("view=upcoming&sort=due"), today)).toEqual({ filter: "all", limit: 50, sort: "due", dueFrom: new Date(2030, 4, 16) });
  });

  it("stores a picked day as the end of that local day, and shows it back as the same day", () => {
    const due = dueDateFromDay("2030-05-15")!;
    expect(due).toEqual(new Date(2030, 4, 15, 23, 59, 59, 999));
    expect(dayOf(due)).toBe("2030-05-15");
    expect(dueDateFromDay("15/05/2030")).toBeNull();
  });
});
