import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { createTrpcNodeListener, isTrpcRequest } from "@/server/trpc/node-listener";
import { sseReader } from "./fixtures/sse";
import { createTestApp, type TestApp, type TestUser } from "./fixtures/test-app";

/** The production server's own tRPC path (`npm start`), on a real Node HTTP server in front of the test app. */
describe("tRPC served straight from Node (src/server/trpc/node-listener.ts)", () => {
  let app: TestApp;
  let server: Server;
  let url: string;
  let user: TestUser;

  beforeAll(async () => {
    app = await createTestApp({ API_MAX_BODY_BYTES: "2048" });
    const listener = createTrpcNodeListener(app.handleTrpc, { production: true });
    server = createServer((req, res) => void listener(req, res));
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/trpc`;
    user = await app.signUp();
  });
  afterAll(async () => {
    server.close();
    await app.close();
  });

  it("answers a call with its data and the API's security headers", async () => {
    const res = await fetch(`${url}/user.me`, { headers: { authorization: `Bearer ${user.token}` } });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ result: { data: { json: { id: user.id, email: user.email, name: user.name, emailVerified: false } } } });
    expect(Object.fromEntries([...res.headers].filter(([key]) => !["date", "connection", "keep-alive", "content-length", "x-request-id", "vary"].includes(key)))).toMatchInlineSnapshot(`
      {
        "cache-control": "no-store",
        "content-security-policy": "default-src 'none'; frame-ancestors 'none'",
        "content-type": "application/json",
        "cross-origin-opener-policy": "same-origin",
        "permissions-policy": "camera=(), microphone=(), geolocation=(), payment=(), usb=()",
        "referrer-policy": "strict-origin-when-cross-origin",
        "strict-transport-security": "max-age=63072000; includeSubDomains",
        "x-content-type-options": "nosniff",
        "x-frame-options": "DENY",
      }
    `);
    expect(res.headers.get("x-request-id")).toMatch(/^[\w-]{36}$/);
  });

  it("refuses a call without a token: 401, tRPC's error shape, WWW-Authenticate", async () => {
    const res = await fetch(`${url}/user.me`);
    expect(res.status).toBe(401);
    // RFC 6750 3.1: no token sent, so no error code.
    expect(res.headers.get("www-authenticate")).toBe('Bearer realm="api"');
    expect(res.headers.get("cache-control")).toBe("no-store");
    const body = (await res.json()) as { error: { json: { message: string; data: { code: string } } } };
    expect(body.error.json.data.code).toBe("UNAUTHORIZED");
    expect(JSON.stringify(body)).not.toMatch(/at .*\.ts|stack/);
  });

  it("carries a POST body through, and refuses one over API_MAX_BODY_BYTES with 413 and no row", async () => {
    const post = (title: string) =>
      fetch(`${url}/task.create`, {
        method: "POST",
        headers: { authorization: `Bearer ${user.token}`, "content-type": "application/json" },
        body: JSON.stringify({ json: { title } }),
      });
    const created = await post("Through Node");
    expect(created.status).toBe(200);
    expect(((await created.json()) as { result: { data: { json: { title: string } } } }).result.data.json.title).toBe("Through Node");

    const tooLarge = await post("x".repeat(4096));
    expect(tooLarge.status).toBe(413);
    expect(((await tooLarge.json()) as { error: { json: { data: { code: string } } } }).error.json.data.code).toBe("PAYLOAD_TOO_LARGE");
    const titles = await app.db.selectFrom("task").select("title").where("user_id", "=", user.id).execute();
    expect(titles.map((row) => row.title)).toEqual(["Through Node"]);
  });

  it("turns a handler that throws into a bare 500 without details", async () => {
    const error = vi.spyOn(console, "error").mockImplementation(() => {});
    const failing = createTrpcNodeListener(() => Promise.reject(new Error("secret detail")), { production: false });
    const broken = createServer((req, res) => void failing(req, res));
    await new Promise<void>((resolve) => broken.listen(0, "127.0.0.1", resolve));
    try {
      const res = await fetch(`http://127.0.0.1:${(broken.address() as AddressInfo).port}/api/trpc/user.me`);
      expect(res.status).toBe(500);
      expect(await res.text()).toBe('{"error":{"message":"Internal server error"}}');
      expect(error).toHaveBeenCalled();
    } finally {
      broken.close();
      error.mockRestore();
    }
  });

  it("streams a subscription as it comes (not buffered whole), with the API's headers, and ends it when the client leaves", async () => {
    const controller = new AbortController();
    const res = await fetch(`${url}/sync.changes?input=${encodeURIComponent(JSON.stringify({ json: {} }))}`, {
      headers: { authorization: `Bearer ${user.token}`, accept: "text/event-stream" },
      signal: controller.signal,
    });
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/^text\/event-stream/);
    expect(res.headers.get("cache-control")).toMatch(/\bno-store\b/); // with tRPC's own no-cache, no-transform
    expect(res.headers.get("x-content-type-options")).toBe("nosniff");
    expect(res.headers.get("content-length")).toBeNull();
    const events = sseReader(res);
    const task = await app.client(user.token).task.create.mutate({ title: "Streamed" });
    expect(await events.next()).toMatchObject({ data: { type: "task.upserted", task: { id: task.id } } });
    controller.abort();
    await events.close();
    // The stream's slot is free again: the server noticed the client left.
    for (let i = 0; i < 40 && app.sync.streams.count(user.id) > 0; i += 1) await new Promise((resolve) => setTimeout(resolve, 25));
    expect(app.sync.streams.count(user.id)).toBe(0);
  });

  it.each([
    ["/api/trpc/user.me", true],
    ["/api/trpc/task.list,task.stats?batch=1", true],
    ["/api/trpc?batch=1", true],
    ["/api/trpcx/user.me", false],
    ["/api/auth/jwks", false],
    ["/", false],
  ])("routes %s to tRPC: %s", (path, expected) => {
    expect(isTrpcRequest(path)).toBe(expected);
  });
});
