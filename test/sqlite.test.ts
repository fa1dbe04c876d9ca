import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { sql } from "kysely";
import { afterAll, describe, expect, it } from "vitest";
import { createDb } from "@/server/db";

/** SQLite's durability and concurrency settings, as the app opens the database. */
describe("SQLite connection", () => {
  const dir = mkdtempSync(join(tmpdir(), "tasks-sqlite-"));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("sets its pragmas explicitly: WAL, synchronous NORMAL, a busy timeout, foreign keys", async () => {
    const db = createDb(join(dir, "pragmas.db"), { busyTimeoutMs: 1234 });
    const pragma = async (name: string) => Object.values((await sql.raw(`pragma ${name}`).execute(db)).rows[0] as object)[0];
    expect(await pragma("journal_mode")).toBe("wal");
    expect(await pragma("synchronous")).toBe(1); // NORMAL
    expect(await pragma("busy_timeout")).toBe(1234);
    expect(await pragma("foreign_keys")).toBe(1);
    await db.destroy();
  });

  it("reuses prepared statements: right rows for new parameters, after a schema change, and past the cache's size", async () => {
    const db = createDb(":memory:");
    await sql`create table t (n integer)`.execute(db);
    await db.insertInto("t" as never).values([{ n: 1 }, { n: 2 }] as never).execute();
    const select = (n: number) => sql<Record<string, unknown>>`select * from t where n = ${n}`.execute(db).then((r) => r.rows);
    expect(await select(1)).toEqual([{ n: 1 }]);
    expect(await select(2)).toEqual([{ n: 2 }]); // the same statement, other parameters
    await sql`alter table t add column label text default 'x'`.execute(db);
    expect(await select(1)).toEqual([{ n: 1, label: "x" }]); // SQLite re-prepares it for the new schema
    for (let i = 0; i < 250; i++) await sql.raw(`select ${i} as v`).execute(db); // more distinct queries than are kept
    expect(await select(2)).toEqual([{ n: 2, label: "x" }]);
    await db.destroy();
  });

  it("starts transactions with BEGIN IMMEDIATE, so a read-then-write waits for another writer instead of failing", async () => {
    const file = join(dir, "contention.db");
    const db = createDb(file, { busyTimeoutMs: 5000 });
    await sql`create table t (n integer)`.execute(db);

    // Another process takes the write lock, writes, and commits 400 ms later.
    const writer = spawn(
      process.execPath,
      [
        "-e",
        `const db = new (require("better-sqlite3"))(${JSON.stringify(file)});
         db.exec("begin immediate; insert into t values (1);");
         process.stdout.write("locked\\n");
         Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 400);
         db.exec("commit");`,
      ],
      { stdio: ["ignore", "pipe", "inherit"] },
    );
    const exited = new Promise((resolve) => writer.once("exit", resolve));
    await new Promise((resolve) => writer.stdout.once("data", resolve));

    // A read, a pause during which the other process commits, then a write. With a deferred BEGIN the
    // read pins a snapshot that the other commit makes stale, and the write fails with SQLITE_BUSY.
    const counted = await db.transaction().execute(async (trx) => {
      const { n } = (await sql<{ n: number }>`select count(*) as n from t`.execute(trx)).rows[0]!;
      await new Promise((resolve) => setTimeout(resolve, 600));
      await sql`insert into t values (${n + 1})`.execute(trx);
      return n;
    });
    await exited;

    expect(counted).toBe(1); // it waited for the other commit and read after it
    expect((await sql<{ n: number }>`select n from t order by rowid`.execute(db)).rows.map((r) => r.n)).toEqual([1, 2]);
    await db.destroy();
  });
});
