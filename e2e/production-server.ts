import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

/** A production server (`npm start`, on the build `npm run test:e2e` made) with its own temp database. */
export interface ProductionServer {
  url: string;
  dataDir: string;
  /** Everything the server printed, for a failing test's report. */
  output: () => string;
  stop: () => Promise<void>;
}

/**
 * Starts `npm start` on `port` with a fresh database in a temp folder and waits until it answers.
 * For tests that need a configuration of their own (short token lifetimes), beside the suite's server.
 */
export async function startProductionServer(port: number, env: Record<string, string> = {}): Promise<ProductionServer> {
  const url = `http://localhost:${port}`;
  const dataDir = mkdtempSync(join(tmpdir(), "tasks-server-"));
  let output = "";
  const child = spawn("npm", ["start", "--", "--port", String(port)], {
    detached: true, // its own process group, so stop() ends npm, tsx and next together
    stdio: ["ignore", "pipe", "pipe"],
    env: {
      ...process.env,
      NODE_ENV: "production",
      NEXT_TELEMETRY_DISABLED: "1",
      DATABASE_URL: join(dataDir, "app.db"),
      BETTER_AUTH_SECRET: randomBytes(32).toString("base64"),
      BETTER_AUTH_URL: url,
      AUTH_SIGN_IN_RATE_LIMIT_MAX: "1000",
      AUTH_RATE_LIMIT_MAX: "10000",
      API_RATE_LIMIT_PER_IP: "100000",
      API_RATE_LIMIT_PER_USER: "100000",
      ...env,
    },
  });
  child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));

  const stop = async () => {
    try {
      process.kill(-child.pid!, "SIGTERM");
    } catch {
      // already gone
    }
    await exited;
    rmSync(dataDir, { recursive: true, force: true });
  };

  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`The server exited (${child.exitCode}):\n${output}`);
    try {
      if ((await fetch(`${url}/api/auth/jwks`)).ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`The server did not answer within 60 s:\n${output}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  return { url, dataDir, output: () => output, stop };
}
