/**
 * `npm run db:migrate` (also run by `npm run dev` and `npm start`): validates the configuration,
 * then creates or updates the database. Exits non-zero with a readable message when either fails.
 */
import { createApp } from "../src/server/app";
import { ConfigError, loadConfig } from "../src/server/env";
import { migrate } from "../src/server/migrate";
import { loadEnvFiles } from "./load-env";

loadEnvFiles();

try {
  const app = createApp(loadConfig(process.env));
  try {
    const applied = await migrate(app);
    console.log(`Database ready (${app.config.databaseUrl})${applied.length ? `: applied ${applied.join(", ")}` : ""}`);
  } finally {
    await app.close();
  }
} catch (error) {
  if (error instanceof ConfigError) {
    console.error(`Refusing to start. ${error.message}\nSee .env.example for every setting.`);
  } else {
    console.error("Database migration failed:", error);
  }
  process.exit(1);
}
