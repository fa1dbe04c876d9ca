import headerSets from "./security-headers.json";

/**
 * The headers of an API response (nosniff, Referrer-Policy, HSTS in production, a policy that allows
 * nothing): the set next.config.mjs gives everything under /api, from the same JSON, for the responses
 * the production server sends without Next (src/server/trpc/node-listener.ts).
 */
export function apiResponseHeaders({ production }: { production: boolean }): [string, string][] {
  return [...headerSets.everyResponse, ...(production ? headerSets.production : []), ...headerSets.nothingAllowed].map(({ key, value }) => [key, value]);
}

/**
 * The Content-Security-Policy of an HTML page, set per request by src/proxy.ts. The headers every
 * response gets (nosniff, Referrer-Policy, HSTS, the fixed policy of the APIs) are in
 * security-headers.json, which next.config.mjs applies.
 *
 * Scripts run only with this request's nonce ('strict-dynamic' lets Next's own nonced loader add its
 * chunks); nothing may frame the app; no plugins, no foreign form targets, no foreign <base>. Styles
 * may be inline: React's style attributes and the toast library need it, and CSS cannot run script.
 * Development adds what React's dev tools and hot reload need.
 */
export function pageContentSecurityPolicy(nonce: string, { development }: { development: boolean }): string {
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${development ? " 'unsafe-eval'" : ""}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self'",
    `connect-src 'self'${development ? " ws: wss:" : ""}`,
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join("; ");
}
