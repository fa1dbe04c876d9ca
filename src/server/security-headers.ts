/**
 * The Content-Security-Policy of an HTML page, set per request by src/proxy.ts. The headers every
 * response gets (nosniff, Referrer-Policy, HSTS, the fixed policy of the APIs) are in next.config.mjs.
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
