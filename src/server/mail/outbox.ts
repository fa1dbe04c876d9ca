import type { Mail } from "./mail";

/** A mail the development outbox kept, as `/dev/mail` lists it. */
export interface OutboxEntry extends Mail {
  id: number;
  sentAt: Date;
}

/** The development outbox: the last `capacity` mails, in memory, newest first. */
export interface Outbox {
  add(mail: Mail): OutboxEntry;
  list(): readonly OutboxEntry[];
}

/**
 * Keeps the last `capacity` mails (older ones drop out, so a long dev session does not grow it), for
 * `/dev/mail` in development and for tests that only need the link.
 */
export function createOutbox(capacity = 50): Outbox {
  const entries: OutboxEntry[] = [];
  let nextId = 1;
  return {
    add(mail) {
      const entry = { ...mail, id: nextId++, sentAt: new Date() };
      entries.unshift(entry);
      entries.length = Math.min(entries.length, capacity);
      return entry;
    },
    list: () => entries,
  };
}
