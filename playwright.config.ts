import { defineConfig } from "@playwright/test";

/**
 * End-to-end tests against a production server (`npm run test:e2e` builds first) on a fresh
 * database, driven in Debian's Chromium (`/usr/bin/chromium`, or CHROMIUM_PATH): no browser download.
 */
const port = Number(process.env.E2E_PORT ?? 3100);
const baseURL = `http://localhost:${port}`;
const dataDir = ".e2e";

export default defineConfig({
  testDir: "e2e",
  timeout: 30_000,
  expect: { timeout: 10_000 },
  fullyParallel: true,
  workers: 2,
  forbidOnly: !!process.env.CI,
  retries: 0,
  reporter: [["list"]],
  use: {
    baseURL,
    trace: "retain-on-failure",
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
      // Root in CI needs --no-sandbox; the rest keeps Chromium from calling out of this offline machine.
      args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
    },
  },
  webServer: {
    command: `rm -rf ${dataDir} && npm start -- --port ${port}`,
    url: `${baseURL}/sign-in`,
    reuseExistingServer: false,
    timeout: 60_000,
    stdout: "pipe",
    env: {
      DATABASE_URL: `${dataDir}/app.db`,
      BETTER_AUTH_SECRET: "e2e-only-secret-0123456789abcdefghijklmnop",
      BETTER_AUTH_URL: baseURL,
      // The suite signs up many users from one IP; production's sign-in limit stays on but wide.
      AUTH_SIGN_IN_RATE_LIMIT_MAX: "1000",
      AUTH_RATE_LIMIT_MAX: "10000",
      // Likewise the API's limits (every test comes from 127.0.0.1); test/resource-limits.test.ts tests them.
      API_RATE_LIMIT_PER_IP: "100000",
      API_RATE_LIMIT_PER_USER: "100000",
      NEXT_TELEMETRY_DISABLED: "1",
    },
  },
});
