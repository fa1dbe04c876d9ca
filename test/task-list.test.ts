import { TRPCClientError } from "@trpc/client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RouterInputs } from "@/server/trpc/routers/_app";
import { createTestApp, type TestApp } from "./fixtures/test-app";

type ListInput = NonNullable<RouterInputs["task"]["list"]>;

describe("task.list", () => {
  let app: TestApp;
  let client: ReturnType<TestApp["client"]>;

  beforeAll(async () => {
    app = await createTestApp();
    client = app.client((await app.signUp()).token);
    // Created one after another: creation order is t00..t11.
    const specs = [
      { title: "t00 groceries", priority: "low", dueDate: new Date("2030-03-01") },
      { title: "t01 taxes", priority: "high", dueDate: new Date("2030-01-01") },
      { title: "t02 call mom", priority: "none" },
      { title: "t03 50% off sale", priority: "medium", dueDate: new Date("2030-02-01") },
      { title: "t04 dentist", priority: "high" },
      { title: "t05 GROCERIES again", priority: "none", notes: "milk" },
      { title: "t06 read_book", priority: "low", dueDate: new Date("2030-01-01") },
      { title: "t07 gym", priority: "medium" },
      { title: "t08 plan trip", priority: "high", dueDate: new Date("2029-12-01") },
      { title: "t09 water plants", priority: "none" },
      { title: "t10 car service", priority: "low" },
      { title: "t11 backup", priority: "medium", notes: "photos and groceries list" },
    ] as const;
    for (const spec of specs) await client.task.create.mutate(spec);
    const items = (await client.task.list.query()).items;
    for (const i of [1, 4, 7, 10]) await client.task.update.mutate({ id: items[i]!.id, completed: true });
  });
  afterAll(() => app.close());

  /** Walks every page and returns the titles' numbers, e.g. ["00", "01"]. */
  async function all(input: Omit<ListInput, "cursor"> = {}) {
    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const page: Awaited<ReturnType<typeof client.task.list.query>> = await client.task.list.query({ ...input, cursor });
      seen.push(...page.items.map((t) => t.title.slice(1, 3)));
      cursor = page.nextCursor;
      pages += 1;
    } while (cursor && pages < 50);
    return seen;
  }

  it("returns creation order, oldest first, in one page by default", async () => {
    const page = await client.task.list.query();
    expect(page.items.map((t) => t.title.slice(1, 3))).toEqual(["00", "01", "02", "03", "04", "05", "06", "07", "08", "09", "10", "11"]);
    expect(page.nextCursor).toBeNull();
  });

  it("paginates with a keyset cursor, never skipping or repeating", async () => {
    const first = await client.task.list.query({ limit: 5 });
    expect(first.items).toHaveLength(5);
    expect(first.nextCursor).toEqual(expect.any(String));
    expect(await all({ limit: 5 })).toEqual(await all());
    expect(await all({ limit: 1 })).toHaveLength(12);
  });

  it("ends with nextCursor null when the last page is exactly full", async () => {
    const page = await client.task.list.query({ limit: 12 });
    expect([page.items.length, page.nextCursor]).toEqual([12, null]);
  });

  it.each([
    ["created", ["00", "01", "02", "03", "04", "05", "06", "07", "08", "09", "10", "11"]],
    ["newest", ["11", "10", "09", "08", "07", "06", "05", "04", "03", "02", "01", "00"]],
    // Soonest due first, ties by creation, undated last in creation order.
    ["due", ["08", "01", "06", "03", "00", "02", "04", "05", "07", "09", "10", "11"]],
    // High first, ties by creation.
    ["priority", ["01", "04", "08", "03", "07", "11", "00", "06", "10", "02", "05", "09"]],
    // My order: new tasks go last, so without moves it is creation order.
    ["manual", ["00", "01", "02", "03", "04", "05", "06", "07", "08", "09", "10", "11"]],
  ] as const)("sorts by %s across pages", async (sort, expected) => {
    expect(await all({ sort, limit: 5 })).toEqual(expected);
  });

  it("filters active and completed", async () => {
    expect(await all({ filter: "completed", limit: 3 })).toEqual(["01", "04", "07", "10"]);
    expect(await all({ filter: "active", limit: 3 })).toEqual(["00", "02", "03", "05", "06", "08", "09", "11"]);
  });

  it("searches title and notes, case-insensitively, combined with filter and sort", async () => {
    expect(await all({ search: "groceries" })).toEqual(["00", "05", "11"]);
    expect(await all({ search: "  MILK " })).toEqual(["05"]);
    expect(await all({ search: "groceries", sort: "newest", limit: 1 })).toEqual(["11", "05", "00"]);
    expect(await all({ search: "groceries", filter: "completed" })).toEqual([]);
  });

  it("filters by a due-date range, leaving out undated tasks", async () => {
    expect(await all({ dueFrom: new Date("2030-01-01"), dueBefore: new Date("2030-02-01") })).toEqual(["01", "06"]);
    expect(await all({ dueFrom: new Date("2030-02-01") })).toEqual(["00", "03"]);
    expect(await all({ dueBefore: new Date("2030-01-01"), limit: 1 })).toEqual(["08"]);
    expect(await all({ dueBefore: new Date("2030-03-02"), filter: "active", sort: "due" })).toEqual(["08", "06", "03", "00"]);
  });

  it("treats LIKE wildcards in a search as text", async () => {
    expect(await all({ search: "50%" })).toEqual(["03"]);
    expect(await all({ search: "%" })).toEqual(["03"]);
    expect(await all({ search: "_" })).toEqual(["06"]);
  });

  it("accepts what tRPC's infinite queries send (cursor: null, direction)", async () => {
    const input = { cursor: null, direction: "forward", limit: 2 } as ListInput;
    expect((await client.task.list.query(input)).items).toHaveLength(2);
  });

  describe("refuses", () => {
    const codeOf = async (input: unknown) => {
      try {
        await client.task.list.query(input as ListInput);
        return "OK";
      } catch (error) {
        return error instanceof TRPCClientError ? (error.data as { code: string }).code : String(error);
      }
    };

    it.each([
      ["limit 0", { limit: 0 }],
      ["limit 101", { limit: 101 }],
      ["a fractional limit", { limit: 2.5 }],
      ["an unknown filter", { filter: "deleted" }],
      ["an unknown sort", { sort: "random" }],
      ["a search over 200 characters", { search: "x".repeat(201) }],
      ["a garbage cursor", { cursor: "not-a-cursor" }],
      ["a cursor of well-formed JSON with wrong types", { cursor: Buffer.from('{"s":"created","v":[1,2]}').toString("base64url") }],
      ["an oversized cursor", { cursor: "x".repeat(1000) }],
      ["a due range that ends before it starts", { dueFrom: new Date("2030-02-01"), dueBefore: new Date("2030-01-01") }],
      ["a due bound that is not a date", { dueFrom: "yesterday" }],
    ])("%s with BAD_REQUEST", async (_, input) => {
      expect(await codeOf(input)).toBe("BAD_REQUEST");
    });

    it("a cursor made for another sort", async () => {
      const { nextCursor } = await client.task.list.query({ limit: 2, sort: "priority" });
      expect(await codeOf({ cursor: nextCursor, sort: "created" })).toBe("BAD_REQUEST");
    });
  });
});
