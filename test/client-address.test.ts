import type { IncomingMessage } from "node:http";
import { describe, expect, it } from "vitest";
import { createForwardingSanitizer } from "@/server/client-address";
import { loadConfig } from "@/server/env";

/** A request as Node's HTTP server hands it over: the peer's address and whatever headers it sent. */
const request = (peer: string, headers: Record<string, string> = {}) =>
  ({ socket: { remoteAddress: peer }, connection: { remoteAddress: peer }, headers: { ...headers } }) as unknown as IncomingMessage;

describe("the client address the app sees (X-Forwarded-For, TRUSTED_PROXIES)", () => {
  it("without trusted proxies, the peer is the client whatever it claims", () => {
    const sanitize = createForwardingSanitizer([]);
    const req = request("203.0.113.5", { "x-forwarded-for": "1.2.3.4", "x-forwarded-host": "evil.example", "x-forwarded-proto": "https" });
    sanitize(req);
    expect(req.headers).toEqual({ "x-forwarded-for": "203.0.113.5" });
  });

  it("behind a trusted proxy, the nearest untrusted address of its chain is the client", () => {
    const sanitize = createForwardingSanitizer(["10.0.0.0/8"]);
    const req = request("10.0.0.2", { "x-forwarded-for": "1.2.3.4, 198.51.100.7, 10.0.0.9", "x-forwarded-proto": "https" });
    sanitize(req);
    // 1.2.3.4 was written by the client itself; 198.51.100.7 is what the trusted proxies saw.
    expect(req.headers).toEqual({ "x-forwarded-for": "198.51.100.7", "x-forwarded-proto": "https" });
  });

  it("a client that is not a trusted proxy cannot pose as one", () => {
    const sanitize = createForwardingSanitizer(["10.0.0.0/8"]);
    const req = request("203.0.113.5", { "x-forwarded-for": "10.0.0.1" });
    sanitize(req);
    expect(req.headers["x-forwarded-for"]).toBe("203.0.113.5");
  });

  it("TRUSTED_PROXIES is validated: addresses, ranges and proxy-addr's names", () => {
    const config = (value: string) => loadConfig({ BETTER_AUTH_SECRET: "s".repeat(32), TRUSTED_PROXIES: value });
    expect(config("loopback, 10.0.0.0/8 ,192.0.2.1").trustedProxies).toEqual(["loopback", "10.0.0.0/8", "192.0.2.1"]);
    expect(config("").trustedProxies).toEqual([]);
    expect(() => config("not-an-address")).toThrow(/TRUSTED_PROXIES/);
  });
});
