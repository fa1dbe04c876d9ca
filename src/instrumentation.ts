/** Runs once when the Next server starts (see instrumentation-node.ts for what it checks). */
export async function register() {
  if (process.env.NEXT_RUNTIME === "nodejs") await import("./instrumentation-node");
}
