import { createApp, type App } from "./app";
import { loadConfig } from "./env";

// One app per process, shared by the custom server (scripts/serve.ts) and the routes Next loads; on
// globalThis so it also survives Next's module reloading in development.
const globalForApp = globalThis as typeof globalThis & { __tasksApp?: App };

/**
 * The running server's app: the one `installApp` was given (`npm start`), or else one built on first use
 * from `process.env` (`next dev`). Importing this module does no I/O, so `next build` can load every
 * route without a database or a secret.
 */
export function getApp(): App {
  globalForApp.__tasksApp ??= createApp(loadConfig(process.env));
  return globalForApp.__tasksApp;
}

/** Makes `app` the one `getApp()` returns, so the process that built it can also close it. */
export function installApp(app: App): void {
  globalForApp.__tasksApp = app;
}
