import { describe, expect, it } from "vitest";
import { createSharedReads } from "@/server/sync/shared-reads";

/** A read whose result the test hands over when it likes, counting how often it ran. */
function deferredRead() {
  const runs: ((value: number) => void)[] = [];
  const run = () => new Promise<number>((resolve) => runs.push(resolve));
  return { run, runs };
}

describe("shared reads (src/server/sync/shared-reads.ts)", () => {
  it("serves streams woken before a read started with that one read", async () => {
    const reads = createSharedReads();
    const { run, runs } = deferredRead();
    const woken = [reads.now(), reads.now(), reads.now()];
    const results = woken.map((since) => reads.read("after:u1:5", since, run));
    expect(runs).toHaveLength(1);
    runs[0]!(7);
    expect(await Promise.all(results)).toEqual([7, 7, 7]);
  });

  it("starts a new read for a stream woken after the one in flight began (it may be waiting for a later change)", async () => {
    const reads = createSharedReads();
    const { run, runs } = deferredRead();
    const first = reads.read("after:u1:5", reads.now(), run);
    const late = reads.read("after:u1:5", reads.now(), run);
    expect(runs).toHaveLength(2);
    runs[0]!(1);
    runs[1]!(2);
    expect([await first, await late]).toEqual([1, 2]);
  });

  it("keys reads apart and forgets a finished or failed one", async () => {
    const reads = createSharedReads();
    let runs = 0;
    const since = reads.now();
    const [a, b] = [reads.read("after:u1:5", since, async () => ++runs), reads.read("after:u2:5", since, async () => ++runs)];
    expect(await Promise.all([a, b])).toEqual([1, 2]);
    await expect(reads.read("after:u1:5", since, () => Promise.reject(new Error("gone")))).rejects.toThrow("gone");
    expect(await reads.read("after:u1:5", since, async () => ++runs)).toBe(3);
  });
});
