import { createApp, type App } from "../src/server/app";
import { ConfigError, loadConfig } from "../src/server/env";
import { loadEnvFiles } from "./load-env";

/**
 * Runs a command-line task against the app configured by the environment (and `.env*` files), then
 * closes it. A bad configuration or a failure exits 1 with a readable message.
 */
export async function withApp(failure: string, task: (app: App) => Promise<void>): Promise<void> {
  loadEnvFiles();
  try {
    const app = createApp(loadConfig(process.env));
    try {
      await task(app);
    } finally {
      await app.close();
    }
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(`Refusing to start. ${error.message}\nSee .env.example for every setting.`);
    } else {
      console.error(`${failure}:`, error);
    }
    process.exit(1);
  }
}
