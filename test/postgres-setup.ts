import { randomBytes } from "node:crypto";
import pg from "pg";
import { TEST_DATABASE_URL, TEST_RUN_ENV, workerDatabaseName } from "./fixtures/database";

/**
 * Vitest's global setup, for a run on PostgreSQL (`TEST_DATABASE_URL`): names the run, so that each
 * worker makes its schemas in a database of its own (`workerDatabase` in fixtures/database.ts), and drops
 * those databases when the run ends. A run inside a run (the router generator's test) gets its own name.
 */
export function setup() {
  const serverUrl = TEST_DATABASE_URL;
  if (!serverUrl) return;
  const run = randomBytes(4).toString("hex");
  process.env[TEST_RUN_ENV] = run;
  return async () => {
    const client = new pg.Client({ connectionString: serverUrl });
    await client.connect();
    try {
      const base = new URL(serverUrl).pathname.slice(1);
      const { rows } = await client.query<{ datname: string }>("select datname from pg_database where datname like $1", [`${workerDatabaseName(base, run, "")}%`]);
      for (const { datname } of rows) await client.query(`drop database if exists "${datname}" with (force)`);
    } finally {
      await client.end();
    }
  };
}
