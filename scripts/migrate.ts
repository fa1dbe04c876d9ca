/**
 * `npm run db:migrate` (also run by `npm run dev` and `npm start`): validates the configuration,
 * then creates or updates the database and checks that the secret decrypts its signing keys. Exits
 * non-zero with a readable message when any of it fails.
 */
import { prepareDatabase } from "./prepare-database";
import { openApp } from "./with-app";

const app = await openApp("Database migration failed", prepareDatabase);
await app.close();
