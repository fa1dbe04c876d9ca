/**
 * `npm run db:migrate` (also run by `npm run dev` and `npm start`): validates the configuration,
 * then creates or updates the database. Exits non-zero with a readable message when either fails.
 */
import { redactDatabaseUrl } from "../src/server/env";
import { migrate } from "../src/server/migrate";
import { withApp } from "./with-app";

await withApp("Database migration failed", async (app) => {
  const applied = await migrate(app);
  console.log(`Database ready (${redactDatabaseUrl(app.config.databaseUrl)})${applied.length ? `: applied ${applied.join(", ")}` : ""}`);
});
