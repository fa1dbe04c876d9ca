import { verify as verifySignature, type KeyObject } from "node:crypto";

/** Checks on libuv's thread pool not answered yet, in this process. */
let onPool = 0;
/** Checks begun since the microtasks last ran: others begun with this one, to overlap with. */
let begunTogether = 0;
const counts = { eventLoop: 0, threadPool: 0 };

/**
 * An Ed25519 signature check, where it costs least. Alone (none waiting on the pool, none begun with
 * it) it runs on the event loop: there is nothing to overlap with, and the hop to the thread pool would
 * be pure latency (1.3x-1.5x of the check itself, bench/README.md 16). In company (a burst, or checks
 * still on the pool) it runs on libuv's thread pool, the callback form of `crypto.verify`, so the pool's
 * threads check beside the event loop and throughput under load is kept.
 */
export function checkSignature(data: Buffer, key: KeyObject, signature: Buffer): boolean | Promise<boolean> {
  begunTogether += 1;
  if (begunTogether === 1) queueMicrotask(() => (begunTogether = 0));
  if (onPool === 0 && begunTogether === 1) {
    counts.eventLoop += 1;
    try {
      return verifySignature(null, data, key, signature);
    } catch {
      return false; // a signature or key node:crypto cannot read verifies nothing
    }
  }
  counts.threadPool += 1;
  onPool += 1;
  return new Promise((resolve) => {
    const answer = (valid: boolean) => {
      onPool -= 1;
      resolve(valid);
    };
    try {
      verifySignature(null, data, key, signature, (error, valid) => answer(!error && valid));
    } catch {
      answer(false); // refused before it reached the pool
    }
  });
}

/** How many checks ran where, in this process (for the benchmark and tests). */
export function signatureCheckCounts(): Readonly<{ eventLoop: number; threadPool: number }> {
  return { ...counts };
}
