/**
 * Runs once when the Next server starts: refuses to serve with an invalid configuration (e.g. a
 * missing or short secret in production) instead of failing on the first request.
 */
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { ConfigError, loadConfig } = await import("./server/env");
  try {
    loadConfig(process.env);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    console.error(`Refusing to start. ${error.message}\nSee .env.example for every setting.`);
    process.exit(1);
  }
}
