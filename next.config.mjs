/**
 * Headers for every response. Pages also get a Content-Security-Policy with a per-request nonce from
 * src/proxy.ts; the APIs and static files, which render nothing, get one that allows nothing.
 * HSTS only in production, where the app is served over HTTPS.
 */
const securityHeaders = (production) => [
  { key: "X-Content-Type-Options", value: "nosniff" },
  { key: "Referrer-Policy", value: "strict-origin-when-cross-origin" },
  // Older browsers ignore CSP's frame-ancestors; this says the same to them.
  { key: "X-Frame-Options", value: "DENY" },
  { key: "Cross-Origin-Opener-Policy", value: "same-origin" },
  { key: "Permissions-Policy", value: "camera=(), microphone=(), geolocation=(), payment=(), usb=()" },
  ...(production ? [{ key: "Strict-Transport-Security", value: "max-age=63072000; includeSubDomains" }] : []),
];
const nothingAllowed = [{ key: "Content-Security-Policy", value: "default-src 'none'; frame-ancestors 'none'" }];

/** @type {import('next').NextConfig} */
const nextConfig = {
  // Native addon: load it from node_modules at run time instead of bundling it.
  serverExternalPackages: ["better-sqlite3"],
  poweredByHeader: false,
  reactStrictMode: true,
  async headers() {
    return [
      { source: "/:path*", headers: securityHeaders(process.env.NODE_ENV === "production") },
      { source: "/api/:path*", headers: nothingAllowed },
      { source: "/_next/static/:path*", headers: nothingAllowed },
    ];
  },
};

export default nextConfig;
