import { readFileSync } from "node:fs";

/**
 * Headers for every response (src/server/security-headers.json, which the production server's own tRPC
 * path applies too). Pages also get a Content-Security-Policy with a per-request nonce from
 * src/proxy.ts; the APIs and static files, which render nothing, get one that allows nothing.
 * HSTS only in production, where the app is served over HTTPS.
 */
const headerSets = JSON.parse(readFileSync(new URL("./src/server/security-headers.json", import.meta.url), "utf8"));
const securityHeaders = (production) => [...headerSets.everyResponse, ...(production ? headerSets.production : [])];
const nothingAllowed = headerSets.nothingAllowed;

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
