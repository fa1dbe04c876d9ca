import { mkdirSync } from "node:fs";
import { dirname, resolve } from "node:path";
import SQLite from "better-sqlite3";
import { Kysely, PostgresDialect, SqliteDialect, type SqliteDatabase } from "kysely";
import pg from "pg";
import type { Database } from "@db/schema";
import { isPostgresUrl } from "./env";

/** The app's database handle: one Kysely instance (one SQLite connection, or a PostgreSQL pool), shared with Better Auth. */
export type Db = Kysely<Database>;

/** How to open the database; the URL decides which one. */
export interface DbOptions {
  /** SQLite: how long a write waits for another connection's lock. */
  busyTimeoutMs?: number;
  /** PostgreSQL: the pool to use (see {@link createPostgresPool}); else one is made. */
  pool?: pg.Pool;
}

/**
 * Opens the database named by `databaseUrl`: a `postgres://` URL (a connection pool, opened lazily),
 * or else SQLite (a path, a `file:` URL or `:memory:`). `db.destroy()` closes either.
 *
 * @example const db = createDb("./data/app.db");
 */
export function createDb(databaseUrl: string, options: DbOptions = {}): Db {
  return isPostgresUrl(databaseUrl) ? createPostgresDb(databaseUrl, options) : createSqliteDb(databaseUrl, options);
}

/**
 * A PostgreSQL connection pool (connections open on first use). The app shares one between Kysely and
 * the API's rate limiter; `db.destroy()` ends it.
 */
export function createPostgresPool(connectionString: string, max = 10): pg.Pool {
  const pool = new pg.Pool({ connectionString, max });
  // An idle connection the server drops (restart, failover) must not crash the process; the pool replaces it.
  pool.on("error", (error) => console.error("[db] idle PostgreSQL connection failed:", error.message));
  return pool;
}

function createPostgresDb(connectionString: string, { pool }: DbOptions): Db {
  return new Kysely<Database>({ dialect: new PostgresDialect({ pool: pool ?? createPostgresPool(connectionString) }) });
}

/** Prepared statements kept per SQLite database: more than the app's distinct queries, few enough to never matter for memory. */
const STATEMENT_CACHE_SIZE = 200;

/**
 * The parent folder is created if missing. Pragmas are set explicitly because SQLite's defaults
 * are neither concurrent (rollback journal) nor safe (foreign keys off).
 */
function createSqliteDb(databaseUrl: string, { busyTimeoutMs = 5000 }: DbOptions): Db {
  const path = sqlitePath(databaseUrl);
  // turbopackIgnore: the path is only known at run time; without it Next traces the whole project.
  if (path !== ":memory:") mkdirSync(dirname(resolve(/*turbopackIgnore: true*/ path)), { recursive: true });
  const sqlite = new SQLite(path);
  if (path !== ":memory:") sqlite.pragma("journal_mode = WAL");
  // NORMAL is durable across application crashes in WAL mode; only an OS crash can lose the last commits.
  sqlite.pragma("synchronous = NORMAL");
  // How long a write waits for another connection's (a script's, another process's) write lock.
  sqlite.pragma(`busy_timeout = ${Math.trunc(busyTimeoutMs)}`);
  sqlite.pragma("foreign_keys = ON");
  // Kysely opens transactions with a deferred BEGIN. Every transaction here reads, then writes: in WAL
  // mode a deferred one fails with SQLITE_BUSY (no waiting) if another connection committed since its
  // read. BEGIN IMMEDIATE takes the write lock first, so it waits its turn (busy_timeout) instead.
  // Kysely prepares every query it runs; preparing was ~4 % of a `task.list` (bench/README.md). The
  // statements are kept, most recently used last (SQLite re-prepares one by itself after a schema change).
  const statements = new Map<string, SQLite.Statement>();
  const database: SqliteDatabase = {
    close: () => sqlite.close(),
    prepare(sql) {
      let statement = statements.get(sql);
      if (statement) statements.delete(sql);
      else statement = sqlite.prepare(sql === "begin" ? "begin immediate" : sql);
      statements.set(sql, statement);
      if (statements.size > STATEMENT_CACHE_SIZE) statements.delete(statements.keys().next().value!);
      return statement;
    },
  };
  return new Kysely<Database>({ dialect: new SqliteDialect({ database }) });
}

/** Turns `file:./x.db`, `file:///abs/x.db` or a plain path into the path better-sqlite3 opens. */
export function sqlitePath(databaseUrl: string): string {
  if (databaseUrl === ":memory:" || databaseUrl === "file::memory:") return ":memory:";
  if (databaseUrl.startsWith("file://")) return new URL(databaseUrl).pathname;
  if (databaseUrl.startsWith("file:")) return databaseUrl.slice("file:".length);
  return databaseUrl;
}
