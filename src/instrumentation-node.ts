/**
 * Server start-up check: refuse to serve with an invalid configuration (e.g. a missing or short
 * secret in production) instead of failing on the first request.
 */
import { ConfigError, loadConfig } from "./server/env";

try {
  loadConfig(process.env);
} catch (error) {
  if (!(error instanceof ConfigError)) throw error;
  console.error(`Refusing to start. ${error.message}\nSee .env.example for every setting.`);
  process.exit(1);
}
