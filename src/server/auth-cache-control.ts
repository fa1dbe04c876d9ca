/**
 * The `Cache-Control` an answer of Better Auth's gets, which sets none itself.
 *
 * Every auth answer is private (sessions, cookies, the bearer token of `/token`, which RFC 6749 section
 * 5.1 requires to be `no-store`), except the public key set: other services fetch `/jwks` to verify
 * tokens, so it may be cached for as long as our own verifiers cache it (`JWKS_CACHE_MAX_AGE_SECONDS`).
 * A cache keeping it that long only delays a new key as much as the verifiers' cache already does; an
 * unknown `kid` makes them reload anyway.
 */
export function authCacheControl(pathname: string, jwksMaxAgeSeconds: number): string {
  return pathname.endsWith("/jwks") ? `public, max-age=${jwksMaxAgeSeconds}` : "no-store";
}

/** `response` with `Cache-Control` set (copied when its headers are immutable, as some fetch responses are). */
export function withCacheControl(response: Response, value: string): Response {
  try {
    response.headers.set("Cache-Control", value);
    return response;
  } catch {
    const copy = new Response(response.body, response);
    copy.headers.set("Cache-Control", value);
    return copy;
  }
}

/**
 * Better Auth's limiter answers 429 with `X-Retry-After` only; clients (and the sign-in form) read the
 * standard `Retry-After` (RFC 9110 section 10.2.3), which the API's own limiter sends too.
 */
export function withStandardRetryAfter(response: Response): Response {
  const seconds = response.status === 429 ? response.headers.get("x-retry-after") : null;
  if (seconds && /^\d+$/.test(seconds) && !response.headers.has("retry-after")) response.headers.set("Retry-After", seconds);
  return response;
}
