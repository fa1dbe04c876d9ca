import { afterEach, describe, expect, it, vi } from "vitest";
import { createTestApp } from "./fixtures/test-app";

/**
 * Errors reach clients as a code and a message fit for people; never a stack trace, SQL or a library's
 * internals. The server logs internal ones with the request id the client was given, never a token.
 */
describe("errors", () => {
  afterEach(() => vi.restoreAllMocks());
  const leaks = /stack|\bat \S+ \(|\.ts:\d+|SELECT|select .* from|sqlite|kysely|node_modules/i;

  it("an internal failure: 500 with a generic message; the log has the cause and the request id, not the token", async () => {
    await using app = await createTestApp();
    const user = await app.signUp();
    const log = vi.spyOn(console, "error").mockImplementation(() => {});
    await app.db.destroy(); // the database goes away under the running app

    const res = await app.fetch("/api/trpc/task.stats", { headers: { authorization: `Bearer ${user.token}`, "x-request-id": "req-1234567890" } });
    expect(res.status).toBe(500);
    const text = await res.text();
    expect(JSON.parse(text)).toMatchObject({ error: { json: { message: "Internal server error", data: { code: "INTERNAL_SERVER_ERROR" } } } });
    expect(text).not.toMatch(leaks);
    expect(res.headers.get("x-request-id")).toBe("req-1234567890");

    const logged = log.mock.calls.map((args) => args.map((a) => (a instanceof Error ? `${a.message}\n${a.stack}` : String(a))).join(" ")).join("\n");
    expect(logged).toContain("request req-1234567890");
    expect(logged).not.toContain(user.token);
    expect(logged).not.toContain(user.token.split(".")[2]!);
  });

  it.each([
    ["malformed JSON", { method: "POST", body: "{not json", headers: { "content-type": "application/json" } }, "/api/trpc/task.create", 400],
    ["an unknown procedure", {}, "/api/trpc/task.nope", 404],
    ["a wrong method", { method: "POST", body: "{}", headers: { "content-type": "application/json" } }, "/api/trpc/task.list", 405],
  ])("%s: a typed error, no internals", async (_, init, path, status) => {
    await using app = await createTestApp();
    const user = await app.signUp();
    const res = await app.fetch(path, { ...init, headers: { ...(init as { headers?: object }).headers, authorization: `Bearer ${user.token}` } } as RequestInit);
    expect(res.status).toBe(status);
    expect(await res.text()).not.toMatch(leaks);
    expect(res.headers.get("x-request-id")).toMatch(/^[\w-]{8,}$/);
  });

  it("a request id that could inject into logs or headers is replaced", async () => {
    await using app = await createTestApp();
    const res = await app.fetch("/api/trpc/user.me", { headers: { "x-request-id": "bad id\twith\tcontrol" } });
    expect(res.headers.get("x-request-id")).toMatch(/^[0-9a-f-]{36}$/);
  });
});
