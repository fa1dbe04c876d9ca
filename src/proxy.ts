import { NextResponse, type NextRequest } from "next/server";
import { pageContentSecurityPolicy } from "./server/security-headers";

/**
 * Runs before every page: a fresh nonce and the page's Content-Security-Policy. Next reads the policy
 * from the request headers and puts the nonce on its own scripts; the root layout reads `x-nonce` for
 * the theme script. (The APIs and static files get a fixed policy from next.config.mjs instead.)
 */
export function proxy(request: NextRequest) {
  const nonce = btoa(crypto.randomUUID());
  const policy = pageContentSecurityPolicy(nonce, { development: process.env.NODE_ENV === "development" });
  const headers = new Headers(request.headers);
  headers.set("x-nonce", nonce);
  headers.set("content-security-policy", policy);
  const response = NextResponse.next({ request: { headers } });
  response.headers.set("content-security-policy", policy);
  return response;
}

export const config = {
  // Pages only: not the APIs, not Next's static files.
  matcher: ["/((?!api/|_next/static|_next/image|favicon.ico|icon.svg).*)"],
};
