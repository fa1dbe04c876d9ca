/**
 * The `WWW-Authenticate` challenge of a 401 (RFC 6750, section 3): the scheme and realm always; the
 * `invalid_token` error code only when the request sent a bearer token, as section 3.1 asks (a request
 * without one, or with another scheme such as `Basic`, "SHOULD NOT" get an error code). The description
 * is left out: the body's message says which it was (missing, invalid, expired, session ended).
 */
export function bearerChallenge(authorization: string | null): string {
  const sentBearer = /^\s*Bearer(\s|$)/i.test(authorization ?? "");
  return sentBearer ? 'Bearer realm="api", error="invalid_token"' : 'Bearer realm="api"';
}
