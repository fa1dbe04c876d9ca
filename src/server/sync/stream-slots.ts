/**
 * Open `sync.changes` streams per user, in this process: at most `max` at once
 * (`SYNC_MAX_STREAMS_PER_USER`), so one account cannot hold a server's connections or memory.
 */
export function createStreamSlots(max: number) {
  const open = new Map<string, number>();
  return {
    /** A slot for one more stream of `userId` (call the result once when it ends), or null when all are taken. */
    acquire(userId: string): (() => void) | null {
      const count = open.get(userId) ?? 0;
      if (count >= max) return null;
      open.set(userId, count + 1);
      let released = false;
      return () => {
        if (released) return;
        released = true;
        const left = (open.get(userId) ?? 1) - 1;
        if (left > 0) open.set(userId, left);
        else open.delete(userId);
      };
    },
    /** How many streams `userId` has open here. */
    count: (userId: string) => open.get(userId) ?? 0,
  };
}

/** The stream slots the app runs with. */
export type StreamSlots = ReturnType<typeof createStreamSlots>;
