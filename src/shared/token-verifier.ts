import { createPublicKey, type JsonWebKey, type KeyObject } from "node:crypto";
import { decodeJwt, decodeProtectedHeader, type JSONWebKeySet } from "jose";
import { z } from "zod";
import { checkSignature } from "./signature-check";

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
  /**
   * Most tokens remembered as verified (0: none, every call checks the signature). A client sends its
   * token with every call for its whole lifetime; a remembered one costs a lookup and the time checks
   * instead of an Ed25519 verification. Default 0.
   */
  cacheMaxEntries?: number;
  /** Clock, in milliseconds; injectable for tests. */
  now?: () => number;
}

/** A token that passed every check: what must still be checked by the clock when it comes again. */
interface Verified {
  userId: string;
  exp: number;
  iat: number;
}

/** Verifies access tokens against a cached key set. */
export interface TokenVerifier {
  verify(token: string): Promise<TokenVerification>;
  /** How many tokens are remembered as verified now (at most `cacheMaxEntries`). */
  cached(): number;
}

/** Only EdDSA: pinning the algorithm rules out `alg: none` and HS256 key confusion. */
const ALGORITHM = "EdDSA";

/** Least time between two reloads for tokens newer than the cached key set (see `verify`). */
const FRESH_KID_RELOAD_SPACING_MS = 1000;

/** A compact JWS: three base64url segments (strict, so one token has one spelling). */
const COMPACT_JWS = /^[\w-]+\.[\w-]+\.[\w-]+$/;

/** The claims an access token must carry (RFC 7519 types); values are checked against the options. */
const claimsSchema = z.object({
  sub: z.string().min(1).max(255),
  iss: z.string(),
  aud: z.union([z.string(), z.array(z.string())]),
  exp: z.number(),
  iat: z.number(),
  nbf: z.number().optional(),
});

/** The usable keys of a key set, imported once: by `kid`, and the only one for a token without `kid`. */
interface KeySet {
  byKid: ReadonlyMap<string, KeyObject>;
  only: KeyObject | undefined;
}

/** Imports the set's Ed25519 signing keys as `node:crypto` keys; keys of other types, or that fail to import, are left out. */
function importKeySet(jwks: JSONWebKeySet): KeySet {
  const byKid = new Map<string, KeyObject>();
  const all: KeyObject[] = [];
  for (const jwk of jwks.keys) {
    const usable =
      jwk.kty === "OKP" &&
      jwk.crv === "Ed25519" &&
      (jwk.alg ?? ALGORITHM) === ALGORITHM &&
      (jwk.use ?? "sig") === "sig" &&
      (jwk.key_ops?.includes("verify") ?? true);
    if (!usable) continue;
    try {
      const key = createPublicKey({ key: jwk as JsonWebKey, format: "jwk" });
      all.push(key);
      if (typeof jwk.kid === "string") byKid.set(jwk.kid, key);
    } catch {
      // A malformed key cannot verify anything.
    }
  }
  return { byKid, only: all.length === 1 ? all[0] : undefined };
}

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
 * The signature is checked with `node:crypto` against keys imported once (no per-request import, no
 * key-store read): jose's WebCrypto path made each check 1.3-1.6x as costly as that (bench/README.md).
 * jose still decodes; the claims are checked as RFC 7519 and RFC 8725 say (the same rules as jose's).
 *
 * Keys are cached for `maxKeySetAgeMs`. A token whose `kid` is unknown triggers one
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
  const toleranceSeconds = options.clockToleranceSeconds ?? 5;
  const cacheMaxEntries = options.cacheMaxEntries ?? 0;
  /**
   * Tokens verified against the current key set, least recently used first (a Map keeps insertion
   * order). Keyed by the whole token: one spelling per token (strict base64url, see COMPACT_JWS), and
   * Ed25519 signatures are not malleable, so a hit is the very token that was checked. Only accepted
   * tokens get in, so forged ones cannot fill it; it is emptied whenever the key set is (re)loaded, so a
   * key leaving the set takes its tokens with it, as on the uncached path.
   */
  const verified = new Map<string, Verified>();

  let keySet: KeySet | undefined;
  let loadedAt = Number.NEGATIVE_INFINITY;
  /** When an unknown `kid` last caused a reload: the cooldown counts from here, not from routine loads. */
  let unknownKidReloadAt = Number.NEGATIVE_INFINITY;
  /** When the cached key set was read: a key made after that (by another instance) cannot be in it. */
  let readStartedAt = Number.NEGATIVE_INFINITY;
  let loading: Promise<KeySet> | undefined;

  function loadKeySet(): Promise<KeySet> {
    // Concurrent callers share one load.
    if (!loading) readStartedAt = now();
    loading ??= options
      .loadKeys()
      .then((jwks) => {
        keySet = importKeySet(jwks);
        verified.clear();
        loadedAt = now();
        return keySet;
      })
      .finally(() => {
        loading = undefined;
      });
    return loading;
  }

  const refused: TokenVerification = { ok: false, reason: "invalid" };

  /** One verification against `keys`; an unknown `kid` is reported so the caller may reload once. */
  async function attempt(token: string, keys: KeySet): Promise<TokenVerification | "unknown-key"> {
    if (!COMPACT_JWS.test(token)) return refused;
    let header: ReturnType<typeof decodeProtectedHeader>;
    let payload: ReturnType<typeof decodeJwt>;
    try {
      header = decodeProtectedHeader(token);
      payload = decodeJwt(token);
    } catch {
      return refused; // not base64url JSON objects
    }
    // No `crit` extension is understood, so none may be required (RFC 7515 4.1.11); keys come only from the set.
    if (header.alg !== ALGORITHM || header.crit !== undefined) return refused;
    if (header.kid !== undefined && typeof header.kid !== "string") return refused;
    // A token without `kid` can only name the set's one key; with several, it names none.
    if (header.kid === undefined && !keys.only) return refused;
    const key = header.kid === undefined ? keys.only : keys.byKid.get(header.kid);
    if (!key) return "unknown-key";
    const signatureAt = token.lastIndexOf(".");
    if (!(await checkSignature(Buffer.from(token.slice(0, signatureAt)), key, Buffer.from(token.slice(signatureAt + 1), "base64url")))) {
      return refused;
    }

    const claims = claimsSchema.safeParse(payload);
    if (!claims.success) return refused;
    const { sub, iss, aud, exp, iat, nbf } = claims.data;
    const audiences = typeof aud === "string" ? [aud] : aud;
    if (iss !== options.issuer || !audiences.includes(options.audience)) return refused;
    const nowSeconds = Math.floor(now() / 1000);
    if (iat > nowSeconds + toleranceSeconds || (nbf !== undefined && nbf > nowSeconds + toleranceSeconds)) return refused;
    const entry = { userId: sub, exp, iat };
    const timely = checkTime(entry, nowSeconds);
    if (timely.ok && cacheMaxEntries > 0 && keys === keySet) {
      if (verified.size >= cacheMaxEntries) verified.delete(verified.keys().next().value!);
      verified.set(token, entry);
    }
    return timely;
  }

  /** The checks that change with the clock: expiry, and the most age a token may have. */
  function checkTime({ userId, exp, iat }: Verified, nowSeconds: number): TokenVerification {
    if (exp <= nowSeconds - toleranceSeconds || nowSeconds - iat > options.maxTokenAgeSeconds + toleranceSeconds) {
      return { ok: false, reason: "expired" };
    }
    return { ok: true, userId };
  }

  return {
    cached: () => verified.size,
    async verify(token) {
      if (token.length === 0) return { ok: false, reason: "missing" };
      if (token.length > maxLength) return refused;
      const fresh = keySet !== undefined && now() - loadedAt < maxKeySetAgeMs;
      const known = fresh ? verified.get(token) : undefined;
      if (known) {
        const result = checkTime(known, Math.floor(now() / 1000));
        verified.delete(token);
        if (result.ok) verified.set(token, known); // now the most recently used
        return result;
      }
      const first = await attempt(token, fresh ? keySet! : await loadKeySet());
      if (first !== "unknown-key") return first;
      // Share a reload already on its way (a burst of tokens with a just-rotated kid); else start one if the cooldown allows.
      let reload = loading;
      if (!reload) {
        const sinceReload = now() - unknownKidReloadAt;
        // Within the cooldown, one exception: a token issued after the cached set was read may be signed by
        // a key made since (another instance rotated, or made the first key). Such reloads are still spaced
        // out, so forged `iat`s cannot turn a flood into more than one key-set read per second.
        const newerThanKeySet = issuedAtMs(token) >= readStartedAt - toleranceSeconds * 1000;
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
