/**
 * Lets a process's streams share the reads they would each make. One change wakes all of a user's
 * streams (tabs, devices, the CLI) at once, and each would read the same page of the log and check the
 * same session: one query now serves all of them.
 *
 * A read is shared only with streams woken before it started, so none can miss a change: a stream woken
 * after a read began may be waiting for a change that read does not see, and starts its own.
 */
export function createSharedReads() {
  let clock = 0;
  const inFlight = new Map<string, { startedAt: number; result: Promise<unknown> }>();
  return {
    /** The current moment: a stream takes one when it subscribes and on every wake-up, and reads `since` its latest. */
    now: (): number => ++clock,
    /** `run()`, or the result of the same read (`key`) already in flight if it started after `since`. */
    read<T>(key: string, since: number, run: () => Promise<T>): Promise<T> {
      const current = inFlight.get(key);
      if (current && current.startedAt > since) return current.result as Promise<T>;
      const entry = { startedAt: ++clock, result: run() };
      inFlight.set(key, entry);
      const forget = () => {
        if (inFlight.get(key) === entry) inFlight.delete(key);
      };
      entry.result.then(forget, forget);
      return entry.result;
    },
  };
}

/** The shared reads the app's streams use. */
export type SharedReads = ReturnType<typeof createSharedReads>;
