import { describe, expect, it } from "vitest";
import { dayOf, dueDateFromDay, parseTaskPageParams, taskPageHref, taskPageInput, taskStatsInput } from "@/shared/task-view";

const params = (query: string) => parseTaskPageParams((name) => new URLSearchParams(query).get(name));

describe("task page URL state", () => {
  it("reads known values and falls back to defaults", () => {
    expect(params("")).toEqual({ filter: "all", view: null, search: "", sort: "created", list: null, label: null });
    expect(params("filter=active&view=today&q=milk&sort=due&list=inbox&label=0a1")).toEqual({ filter: "active", view: "today", search: "milk", sort: "due", list: "inbox", label: "0a1" });
    expect(params("filter=nope&view=tomorrow&sort=random&list=a%20b&label=%3Cx%3E")).toEqual({ filter: "all", view: null, search: "", sort: "created", list: null, label: null });
  });

  it("round-trips through the URL, leaving defaults out", () => {
    expect(taskPageHref(params(""))).toBe("/");
    expect(taskPageHref(params("filter=completed"))).toBe("/?filter=completed");
    const full = "filter=active&view=upcoming&q=a+b&sort=priority&list=01a2-b3&label=9f-c";
    expect(params(taskPageHref(params(full)).slice(2))).toEqual(params(full));
  });

  it("builds the plain page's list input with nothing but filter and limit", () => {
    expect(taskPageInput(params("filter=active"))).toEqual({ filter: "active", limit: 50 });
  });

  it("scopes the list and the counts to the list in the URL: the Inbox is null, every list is no listId", () => {
    expect(taskPageInput(params("list=inbox"))).toEqual({ filter: "all", limit: 50, listId: null });
    expect(taskPageInput(params("list=abc"))).toEqual({ filter: "all", limit: 50, listId: "abc" });
    expect(taskStatsInput(params(""))).toBeUndefined();
    expect(taskStatsInput(params("list=inbox"))).toEqual({ listId: null });
  });

  it("scopes the list and the counts to the label in the URL, with the list", () => {
    expect(taskPageInput(params("label=l1&list=abc"))).toEqual({ filter: "all", limit: 50, listId: "abc", labelId: "l1" });
    expect(taskStatsInput(params("label=l1"))).toEqual({ labelId: "l1" });
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
