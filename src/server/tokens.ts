import { createLocalJWKSet, decodeJwt, errors, jwtVerify, type JSONWebKeySet, type JWTVerifyOptions } from "jose";

/** Why a request carries no usable access token. The messages are safe to show to anyone. */
export type TokenFailure = "missing" | "invalid" | "expired";

/** Outcome of {@link TokenVerifier.verify}: the token's subject, or why it was refused. */
export type TokenVerification = { ok: true; userId: string } | { ok: false; reason: TokenFailure };

/** Human messages for each failure: say which, never why in detail (no hint for an attacker). */
export const TOKEN_FAILURE_MESSAGES: Readonly<Record<TokenFailure, string>> = {
  missing: "Authentication required: send an access token as 'Authorization: Bearer <token>'",
  invalid: "Invalid access token",
  expired: "Access token expired",
};

export interface TokenVerifierOptions {
  /** Expected `iss` and `aud`: the app's public origin. */
  issuer: string;
  audience: string;
  /** Loads the public key set (Better Auth's `getJwks`, or a remote JWKS). Errors propagate: they are outages, not bad tokens. */
  loadKeys: () => Promise<JSONWebKeySet>;
  /** Minimum milliseconds between two reloads caused by unknown `kid`s, so a flood of them cannot hammer the key store. */
  refreshCooldownMs: number;
  /** The cached key set is reloaded once it is older than this, so keys retired from the set stop verifying. Default 5 minutes. */
  maxKeySetAgeMs?: number;
  /** Tokens older than this (by `iat`) are refused, which also refuses an `iat` in the future. */
  maxTokenAgeSeconds: number;
  /** Clock skew tolerated on `exp`, `nbf` and `iat`. Default 5 s. */
  clockToleranceSeconds?: number;
  /** Longer tokens are refused before parsing. Default 4096 characters. */
  maxTokenLength?: number;
  /** Clock, in milliseconds; injectable for tests. */
  now?: () => number;
}

/** Verifies access tokens against a cached key set. */
export interface TokenVerifier {
  verify(token: string): Promise<TokenVerification>;
}

/** Only EdDSA: pinning the algorithm rules out `alg: none` and HS256 key confusion. */
const ALGORITHMS = ["EdDSA"];

/** Least time between two reloads for tokens newer than the cached key set (see `verify`). */
const FRESH_KID_RELOAD_SPACING_MS = 1000;

/** The token's unverified `iat` in milliseconds, or -Infinity: only a hint for when to reload keys. */
function issuedAtMs(token: string): number {
  try {
    const { iat } = decodeJwt(token);
    return typeof iat === "number" ? iat * 1000 : Number.NEGATIVE_INFINITY;
  } catch {
    return Number.NEGATIVE_INFINITY;
  }
}

/**
 * Creates a verifier that checks signature, algorithm, issuer, audience, expiry and subject.
 *
 * Keys are imported once and cached for `maxKeySetAgeMs`. A token whose `kid` is unknown triggers one
 * reload of the key set, so a freshly rotated key is accepted at once; such reloads happen at most once
 * per `refreshCooldownMs`, so a flood of forged `kid`s costs one load per cooldown. Within the cooldown,
 * a token issued after the cached set was read (its key may have been made since, by another instance)
 * still gets a reload, at most one per second.
 *
 * @example
 * const verifier = createTokenVerifier({ issuer, audience: issuer, loadKeys: () => auth.api.getJwks(), refreshCooldownMs: 30_000, maxTokenAgeSeconds: 900 });
 * const result = await verifier.verify(token);
 */
export function createTokenVerifier(options: TokenVerifierOptions): TokenVerifier {
  const now = options.now ?? (() => Date.now());
  const maxKeySetAgeMs = options.maxKeySetAgeMs ?? 300_000;
  const maxLength = options.maxTokenLength ?? 4096;
  const clockToleranceMs = (options.clockToleranceSeconds ?? 5) * 1000;
  const verifyOptions: JWTVerifyOptions = {
    algorithms: ALGORITHMS,
    issuer: options.issuer,
    audience: options.audience,
    requiredClaims: ["exp", "iat", "sub"],
    maxTokenAge: options.maxTokenAgeSeconds + (options.clockToleranceSeconds ?? 5),
    clockTolerance: options.clockToleranceSeconds ?? 5,
  };

  let keySet: ReturnType<typeof createLocalJWKSet> | undefined;
  let loadedAt = Number.NEGATIVE_INFINITY;
  /** When an unknown `kid` last caused a reload: the cooldown counts from here, not from routine loads. */
  let unknownKidReloadAt = Number.NEGATIVE_INFINITY;
  /** When the cached key set was read: a key made after that (by another instance) cannot be in it. */
  let readStartedAt = Number.NEGATIVE_INFINITY;
  let loading: Promise<ReturnType<typeof createLocalJWKSet>> | undefined;

  function loadKeySet(): Promise<ReturnType<typeof createLocalJWKSet>> {
    // Concurrent callers share one load.
    if (!loading) readStartedAt = now();
    loading ??= options
      .loadKeys()
      .then((jwks) => {
        keySet = createLocalJWKSet(jwks);
        loadedAt = now();
        return keySet;
      })
      .finally(() => {
        loading = undefined;
      });
    return loading;
  }

  /** One verification against `keys`; an unknown `kid` is reported so the caller may reload once. */
  async function attempt(token: string, keys: ReturnType<typeof createLocalJWKSet>): Promise<TokenVerification | "unknown-key"> {
    try {
      const { payload } = await jwtVerify(token, keys, { ...verifyOptions, currentDate: new Date(now()) });
      if (typeof payload.sub !== "string" || payload.sub.length === 0 || payload.sub.length > 255) {
        return { ok: false, reason: "invalid" };
      }
      return { ok: true, userId: payload.sub };
    } catch (error) {
      // jose throws its own errors for bad claims and signatures, and plain TypeErrors for some
      // malformed input: every one of them is a refused token, never a server error.
      if (error instanceof errors.JWKSNoMatchingKey) return "unknown-key";
      return { ok: false, reason: error instanceof errors.JWTExpired ? "expired" : "invalid" };
    }
  }

  const refused: TokenVerification = { ok: false, reason: "invalid" };

  return {
    async verify(token) {
      if (token.length === 0) return { ok: false, reason: "missing" };
      if (token.length > maxLength) return refused;
      const fresh = keySet !== undefined && now() - loadedAt < maxKeySetAgeMs;
      const first = await attempt(token, fresh ? keySet! : await loadKeySet());
      if (first !== "unknown-key") return first;
      // Share a reload already on its way (a burst of tokens with a just-rotated kid); else start one if the cooldown allows.
      let reload = loading;
      if (!reload) {
        const sinceReload = now() - unknownKidReloadAt;
        // Within the cooldown, one exception: a token issued after the cached set was read may be signed by
        // a key made since (another instance rotated, or made the first key). Such reloads are still spaced
        // out, so forged `iat`s cannot turn a flood into more than one key-set read per second.
        const newerThanKeySet = issuedAtMs(token) >= readStartedAt - clockToleranceMs;
        if (sinceReload < options.refreshCooldownMs && !(newerThanKeySet && sinceReload >= FRESH_KID_RELOAD_SPACING_MS)) return refused;
        unknownKidReloadAt = now();
        reload = loadKeySet();
      }
      const second = await attempt(token, await reload);
      return second === "unknown-key" ? refused : second;
    },
  };
}

/**
 * Extracts the token from an `Authorization` header value.
 *
 * @returns the token, `null` when there is no header, or `undefined` when the header is not a Bearer credential.
 */
export function readBearerToken(header: string | null): string | null | undefined {
  if (header === null || header.trim() === "") return null;
  const match = /^Bearer +(\S+)$/i.exec(header.trim());
  return match?.[1];
}
