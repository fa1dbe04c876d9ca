/**
 * Verifying the app's access tokens in another service (a separate API, a worker): the same checks
 * as the app's own context resolver, against the public keys the app publishes at `/api/auth/jwks`.
 *
 * @example
 * const verifier = createRemoteTokenVerifier({ issuer: "https://tasks.example.com" });
 * const result = await verifier.verify(token); // { ok: true, userId } | { ok: false, reason }
 */
import type { JSONWebKeySet } from "jose";
import { createTokenVerifier, type TokenVerification, type TokenVerifier } from "../shared/token-verifier";

export type { TokenVerification, TokenVerifier };

export interface RemoteVerifierOptions {
  /** The app's public origin (its `BETTER_AUTH_URL`): the expected `iss`, and where the keys are. */
  issuer: string;
  /** The expected `aud`. Default: the issuer. */
  audience?: string;
  /** Where the public keys are. Default: `<issuer>/api/auth/jwks`. */
  jwksUrl?: string;
  /** The app's `ACCESS_TOKEN_TTL_SECONDS`: older tokens (by `iat`) are refused. Default 900. */
  maxTokenAgeSeconds?: number;
  /** Minimum seconds between key-set reloads caused by an unknown `kid`. Default 30. */
  refreshCooldownSeconds?: number;
  /** The key set is fetched again when older than this, so retired keys drop out. Default 300. */
  cacheMaxAgeSeconds?: number;
  /** Most tokens remembered as verified, so a token seen again is checked by the clock only (0: none). Default 10000. */
  cacheMaxEntries?: number;
  /** How long to wait for the key set, in milliseconds. Default 5000. */
  timeoutMs?: number;
  /** For tests and special transports; defaults to the global fetch. */
  fetch?: typeof fetch;
}

/** The key set could not be fetched: an outage (answer 503), not a bad token. */
export class KeySetUnavailableError extends Error {
  override name = "KeySetUnavailableError";
}

/**
 * Creates a verifier that fetches the app's public keys over HTTP (once, then on an unknown `kid` or
 * when the cached set is older than `cacheMaxAgeSeconds`) and checks every token locally: EdDSA only,
 * signature, `iss`, `aud`, `exp`, `iat`, non-empty `sub`.
 *
 * `verify` resolves `{ ok: false }` for every bad token and rejects with {@link KeySetUnavailableError}
 * only when the key set cannot be fetched.
 */
export function createRemoteTokenVerifier(options: RemoteVerifierOptions): TokenVerifier {
  const issuer = new URL(options.issuer).origin;
  const jwksUrl = options.jwksUrl ?? `${issuer}/api/auth/jwks`;
  const doFetch = options.fetch ?? fetch;

  async function loadKeys(): Promise<JSONWebKeySet> {
    let body: unknown;
    try {
      const res = await doFetch(jwksUrl, { headers: { accept: "application/json" }, signal: AbortSignal.timeout(options.timeoutMs ?? 5000) });
      if (!res.ok) throw new Error(`HTTP ${res.status}`);
      body = await res.json();
    } catch (cause) {
      throw new KeySetUnavailableError(`Cannot load the public keys from ${jwksUrl}`, { cause });
    }
    if (typeof body !== "object" || body === null || !Array.isArray((body as { keys?: unknown }).keys)) {
      throw new KeySetUnavailableError(`${jwksUrl} did not answer a JSON Web Key Set`);
    }
    return body as JSONWebKeySet;
  }

  return createTokenVerifier({
    issuer,
    audience: options.audience ?? issuer,
    loadKeys,
    refreshCooldownMs: (options.refreshCooldownSeconds ?? 30) * 1000,
    maxKeySetAgeMs: (options.cacheMaxAgeSeconds ?? 300) * 1000,
    maxTokenAgeSeconds: options.maxTokenAgeSeconds ?? 900,
    cacheMaxEntries: options.cacheMaxEntries ?? 10_000,
  });
}

const verifiers = new Map<string, TokenVerifier>();

/**
 * Verifies one access token against the app at `options.issuer`, reusing one cached verifier (and key
 * set) per issuer, audience and key URL. The shorthand for {@link createRemoteTokenVerifier}.
 *
 * @example
 * const result = await verifyAccessToken(bearer, { issuer: "https://tasks.example.com" });
 * if (!result.ok) return reply(401, result.reason);
 */
export function verifyAccessToken(token: string, options: RemoteVerifierOptions): Promise<TokenVerification> {
  const key = JSON.stringify([options.issuer, options.audience, options.jwksUrl, options.maxTokenAgeSeconds]);
  let verifier = verifiers.get(key);
  if (!verifier) {
    verifier = createRemoteTokenVerifier(options);
    verifiers.set(key, verifier);
  }
  return verifier.verify(token);
}
