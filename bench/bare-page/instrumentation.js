// Turbopack looks for instrumentation and proxy files at the workspace root too (vercel/next.js#95287):
// without these two, the bare page would be built with the app's (../../src/instrumentation.ts, proxy.ts).
/** Nothing to run at start. */
export function register() {}
