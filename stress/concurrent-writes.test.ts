import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startProductionServer, type ProductionServer } from "../test/fixtures/production-server";
import { inspectDatabase, mutate, signUpUser, type Outcome } from "./load";

const CLIENTS = Number(process.env.STRESS_CLIENTS ?? 50);
const SECONDS = Number(process.env.STRESS_SECONDS ?? 10);

/**
 * 50 clients write for 10 s through two production servers sharing one SQLite file (so two connections
 * contend for the write lock): no SQLITE_BUSY or any other error reaches a client, and every write the
 * server acknowledged is in the database afterwards, and nothing else.
 */
describe(`${CLIENTS} concurrent writers for ${SECONDS} s, two servers on one SQLite file`, () => {
  const dataDir = mkdtempSync(join(tmpdir(), "tasks-stress-"));
  // Two instances of one app: one secret, one public origin (the tokens' issuer and audience).
  const env = { BETTER_AUTH_SECRET: randomBytes(32).toString("base64"), BETTER_AUTH_URL: "http://localhost:3201" };
  const servers: ProductionServer[] = [];

  beforeAll(async () => {
    servers.push(await startProductionServer(3201, env, { dataDir }));
    servers.push(await startProductionServer(3202, env, { dataDir }));
  }, 120_000);
  afterAll(async () => {
    await Promise.all(servers.map((s) => s.stop()));
    rmSync(dataDir, { recursive: true, force: true });
  });

  it("loses no acknowledged write and lets no SQLITE_BUSY through", async () => {
    const deadline = Date.now() + SECONDS * 1000;
    const refusals: Extract<Outcome, { ok: false }>[] = [];
    let operations = 0;

    const clients = await Promise.all(
      Array.from({ length: CLIENTS }, async (_, i) => {
        const server = servers[i % servers.length]!; // users sign up on one server ...
        return { other: servers[(i + 1) % servers.length]!, server, user: await signUpUser(server.url, env.BETTER_AUTH_URL), kept: new Set<string>() };
      }),
    );
    await Promise.all(
      clients.map(async ({ server, other, user, kept }) => {
        for (let n = 0; Date.now() < deadline; n += 1) {
          const via = n % 2 ? other : server; // ... and write through both
          const created = await mutate(via.url, user.token, "task.create", { title: `Task ${n}` });
          operations += 1;
          if (!created.ok) {
            refusals.push(created);
            continue;
          }
          kept.add(created.id);
          if (n % 3 === 0) {
            const toggled = await mutate(via.url, user.token, "task.update", { id: created.id, completed: true });
            operations += 1;
            if (!toggled.ok) refusals.push(toggled);
          }
          if (n % 5 === 0) {
            const deleted = await mutate(via.url, user.token, "task.delete", { id: created.id });
            operations += 1;
            if (deleted.ok) kept.delete(created.id);
            else refusals.push(deleted);
          }
        }
      }),
    );

    console.log(`${operations} writes by ${CLIENTS} clients in ${SECONDS} s through 2 servers`);
    expect(refusals).toEqual([]);
    for (const server of servers) expect(server.output()).not.toMatch(/SQLITE_BUSY|database is locked/);
    const { integrity, tasksOf } = inspectDatabase(join(dataDir, "app.db"));
    expect(integrity).toEqual(["ok"]);
    for (const { user, kept } of clients) expect(tasksOf(user.id)).toEqual(kept);
  }, 120_000);
});
