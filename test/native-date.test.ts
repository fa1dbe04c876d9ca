import { createRequire } from "node:module";
import { describe, expect, it } from "vitest";
import type { NextConfig } from "next";
import { withNativeDate } from "@/server/native-date";

const require = createRequire(import.meta.url);
/** What Next's server does to the global `Date` when it loads (a module's side effect: once per process). */
const loadNextsDateWrapper = () => require("next/dist/server/node-environment-extensions/date.js") as unknown;

describe("withNativeDate (npm start takes Next's Date wrapper off)", () => {
  it("puts the process's own Date back after a start-up that wrapped it, and dates made meanwhile stay dates", async () => {
    const NativeDate = globalThis.Date;
    const made = await withNativeDate(async () => {
      loadNextsDateWrapper();
      // Next's wrapper is in place while it starts: the test sees it, or it would prove nothing.
      expect(globalThis.Date).not.toBe(NativeDate);
      expect(Date.prototype.constructor).not.toBe(NativeDate);
      return new Date("2026-12-07T10:00:00.000Z");
    });
    expect(globalThis.Date).toBe(NativeDate);
    expect(Date.prototype.constructor).toBe(NativeDate);
    expect(new Date(0).constructor).toBe(NativeDate);
    expect(made).toBeInstanceOf(Date);
    expect(made.toISOString()).toBe("2026-12-07T10:00:00.000Z");
    expect(Object.prototype.toString.call(made)).toBe("[object Date]");
  });

  it("restores Date even when the start-up fails, and passes the failure on", async () => {
    const NativeDate = globalThis.Date;
    const start = withNativeDate(async () => {
      globalThis.Date = function Wrapped() {} as unknown as DateConstructor;
      throw new Error("could not start");
    });
    await expect(start).rejects.toThrow("could not start");
    expect(globalThis.Date).toBe(NativeDate);
  });

  it("changes nothing when the start-up leaves Date alone", async () => {
    const NativeDate = globalThis.Date;
    await expect(withNativeDate(async () => 42)).resolves.toBe(42);
    expect(globalThis.Date).toBe(NativeDate);
  });

  it("is only sound while Cache Components is off: the wrapper is how it tells a prerender that reads the clock", async () => {
    const { default: nextConfig } = (await import(new URL("../next.config.mjs", import.meta.url).href)) as { default: NextConfig };
    expect(nextConfig.cacheComponents ?? false).toBe(false);
  });
});
