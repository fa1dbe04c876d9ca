import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { startProductionServer } from "../test/fixtures/production-server";
import { inspectDatabase, mutate, signUpUser } from "./load";

const ROUNDS = Number(process.env.STRESS_CRASH_ROUNDS ?? 3);
const WRITERS = 10;

/**
 * A production server under write load is killed with SIGKILL at a random moment, several times. After
 * each crash the database passes `PRAGMA integrity_check`, every write the server acknowledged before
 * dying is there, and the restarted server serves the same user.
 */
describe(`crash recovery: SIGKILL under write load, ${ROUNDS} times`, () => {
  const dataDir = mkdtempSync(join(tmpdir(), "tasks-crash-"));
  const env = { BETTER_AUTH_SECRET: randomBytes(32).toString("base64") };
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it("keeps every acknowledged write and an intact database", async () => {
    const acknowledged = new Set<string>();
    let user: { id: string; token: string } | undefined;

    for (let round = 1; round <= ROUNDS; round += 1) {
      const server = await startProductionServer(3203, env, { dataDir });
      user ??= await signUpUser(server.url); // its token outlives the restarts: the keys are in the database
      let stopped = false;
      const writers = Array.from({ length: WRITERS }, async (_, w) => {
        for (let n = 0; !stopped; n += 1) {
          try {
            const created = await mutate(server.url, user!.token, "task.create", { title: `Round ${round} writer ${w} #${n}` });
            if (created.ok) acknowledged.add(created.id);
            else throw new Error(`refused: ${created.status} ${created.body}`);
          } catch (error) {
            if (stopped) return; // the connection died with the server: not acknowledged
            throw error;
          }
        }
      });
      await new Promise((resolve) => setTimeout(resolve, 800 + Math.random() * 1700));
      stopped = true;
      await server.kill();
      await Promise.all(writers);

      const { integrity, tasksOf } = inspectDatabase(join(dataDir, "app.db"));
      expect(integrity).toEqual(["ok"]);
      const stored = tasksOf(user.id);
      const missing = [...acknowledged].filter((id) => !stored.has(id));
      console.log(`round ${round}: ${acknowledged.size} acknowledged writes so far, ${missing.length} missing`);
      expect(missing).toEqual([]);
    }
    expect(acknowledged.size).toBeGreaterThan(ROUNDS * WRITERS);
  }, 180_000);
});
