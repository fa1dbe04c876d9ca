import { availableParallelism } from "node:os";
import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

const here = (path: string) => fileURLToPath(new URL(path, import.meta.url));

export default defineConfig({
  resolve: {
    alias: [
      { find: /^@\/(.*)$/, replacement: `${here("./src/")}$1` },
      { find: /^@db\/(.*)$/, replacement: `${here("./db/")}$1` },
    ],
  },
  test: {
    include: ["src/**/*.test.ts", "src/**/*.test.tsx", "db/**/*.test.ts", "test/**/*.test.ts"],
    environment: "node",
    // One worker per core, not Vitest's default of one fewer (on two cores, one file at a time): many
    // files spend their time waiting on child processes, servers and sockets. 185 s -> 123 s on 2 cores.
    maxWorkers: availableParallelism(),
    testTimeout: 20_000,
    // On PostgreSQL, a database per worker (test/fixtures/database.ts); nothing on SQLite.
    globalSetup: ["test/postgres-setup.ts"],
    typecheck: { enabled: true, include: ["test/**/*.test-d.ts"] },
  },
});
