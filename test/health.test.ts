import { describe, expect, it } from "vitest";
import { createTestApp } from "./fixtures/test-app";

describe("GET /api/health", () => {
  it("is 200 and says the database is reachable, uncached", async () => {
    await using app = await createTestApp();
    const res = await app.fetch("/api/health");
    expect(res.status).toBe(200);
    expect(res.headers.get("cache-control")).toBe("no-store");
    expect(await res.json()).toEqual({ status: "ok", database: "reachable" });
  });

  it("is 503 without details once the database is gone", async () => {
    const app = await createTestApp();
    await app.close();
    const res = await app.fetch("/api/health");
    expect(res.status).toBe(503);
    expect(await res.json()).toEqual({ status: "unavailable", database: "unreachable" });
  });
});
