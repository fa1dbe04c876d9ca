// See instrumentation.js: this keeps the app's own proxy (../../src/proxy.ts) out of the bare page.
/** Never runs: the matcher below names no page. */
export function proxy() {}

export const config = { matcher: "/_bare-page-has-no-proxy" };
