import { createApp, type App } from "../src/server/app";
import { ConfigError, loadConfig } from "../src/server/env";
import { loadEnvFiles } from "./load-env";

/**
 * Builds the app configured by the environment (and `.env*` files) and runs `prepare` on it, leaving it
 * open for the caller. A bad configuration or a failure exits 1 with a readable message.
 */
export async function openApp(failure: string, prepare: (app: App) => Promise<void> = async () => {}): Promise<App> {
  loadEnvFiles();
  let app: App | undefined;
  try {
    app = createApp(loadConfig(process.env));
    await prepare(app);
    return app;
  } catch (error) {
    await app?.close().catch(() => {});
    if (error instanceof ConfigError) {
      console.error(`Refusing to start. ${error.message}\nSee .env.example for every setting.`);
    } else {
      console.error(`${failure}:`, error);
    }
    process.exit(1);
  }
}

/** Runs a command-line task against the app configured by the environment, then closes it. */
export async function withApp(failure: string, task: (app: App) => Promise<void>): Promise<void> {
  const app = await openApp(failure);
  try {
    await task(app);
  } catch (error) {
    console.error(`${failure}:`, error);
    process.exitCode = 1;
  } finally {
    await app.close();
  }
}
