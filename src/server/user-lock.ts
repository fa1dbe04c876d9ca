import type { Db } from "./db";

/**
 * Makes one user's concurrent transactions take turns from here to their commit: a no-op update of the
 * user's row, which PostgreSQL locks until the transaction ends (on SQLite every write transaction already
 * holds the database's one write lock, from `BEGIN IMMEDIATE`). Call it first in a transaction whose
 * check-then-write (a quota) must hold against the same user's other requests; other users never wait.
 */
export async function lockUser(trx: Db, userId: string): Promise<void> {
  await trx.updateTable("user").set((eb) => ({ id: eb.ref("id") })).where("id", "=", userId).execute();
}
