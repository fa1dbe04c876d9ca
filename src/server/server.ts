import { createApp, type App } from "./app";
import { loadConfig } from "./env";

// Survives Next's module reloading in development, so edits do not open a new connection each time.
const globalForApp = globalThis as typeof globalThis & { __tasksApp?: App };

/**
 * The running server's app, built on first use from `process.env`: importing this module does no I/O,
 * so `next build` can load every route without a database or a secret.
 */
export function getApp(): App {
  globalForApp.__tasksApp ??= createApp(loadConfig(process.env));
  return globalForApp.__tasksApp;
}
