import { createPublicKey, verify, type JsonWebKey, type KeyObject } from "node:crypto";
import type { JSONWebKeySet } from "jose";
import { tokenVerifierOptions, type App } from "../../src/server/app";
import { createTokenVerifier } from "../../src/shared/token-verifier";

/** Calls `operation` back to back for `seconds` and returns how many completed per second. */
export async function rate(operation: () => unknown, seconds: number): Promise<number> {
  const end = performance.now() + seconds * 1000;
  let count = 0;
  let now = performance.now();
  const start = now;
  while (now < end) {
    // Batches of 100 keep the clock reads out of the figure.
    for (let i = 0; i < 100; i++) await operation();
    count += 100;
    now = performance.now();
  }
  return count / ((now - start) / 1000);
}

/**
 * Like {@link rate}, with `inFlight` calls under way at all times, as under load: an asynchronous
 * operation (the verifier's signature checks in company run on libuv's thread pool) may overlap with the others.
 */
export async function concurrentRate(operation: () => Promise<unknown>, seconds: number, inFlight: number): Promise<number> {
  const end = performance.now() + seconds * 1000;
  let count = 0;
  const start = performance.now();
  await Promise.all(
    Array.from({ length: inFlight }, async () => {
      while (performance.now() < end) {
        await operation();
        count++;
      }
    }),
  );
  return count / ((performance.now() - start) / 1000);
}

/**
 * The physical limit of checking `token`: one Ed25519 verify with `node:crypto`, the public key imported
 * once (no JWT parsing beyond splitting, no claims).
 */
export function rawVerifier(token: string, jwks: JSONWebKeySet): () => boolean {
  const { kid } = JSON.parse(Buffer.from(token.split(".")[0]!, "base64url").toString()) as { kid?: string };
  const jwk = jwks.keys.find((candidate) => candidate.kid === kid);
  if (!jwk) throw new Error(`No key ${kid} in the key set`);
  const key: KeyObject = createPublicKey({ key: jwk as JsonWebKey, format: "jwk" });
  return () => {
    const dot = token.lastIndexOf(".");
    return verify(null, Buffer.from(token.slice(0, dot)), key, Buffer.from(token.slice(dot + 1), "base64url"));
  };
}

/** {@link rawVerifier} in node:crypto's callback form: the signature checked on libuv's thread pool, as the app does. */
export function rawAsyncVerifier(token: string, jwks: JSONWebKeySet): () => Promise<boolean> {
  const { kid } = JSON.parse(Buffer.from(token.split(".")[0]!, "base64url").toString()) as { kid?: string };
  const key: KeyObject = createPublicKey({ key: jwks.keys.find((candidate) => candidate.kid === kid) as JsonWebKey, format: "jwk" });
  return () => {
    const dot = token.lastIndexOf(".");
    return new Promise((resolve) => verify(null, Buffer.from(token.slice(0, dot)), key, Buffer.from(token.slice(dot + 1), "base64url"), (error, valid) => resolve(!error && valid)));
  };
}

/**
 * The app's verifier as built from its configuration, but remembering no token: every call checks
 * the signature, as the first call with a new token does.
 */
export function firstSightVerifier(app: App, token: string): () => Promise<void> {
  const verifier = createTokenVerifier({ ...tokenVerifierOptions(app.config, app.auth), cacheMaxEntries: 0 });
  return async () => {
    const result = await verifier.verify(token);
    if (!result.ok) throw new Error(`The benchmark token was refused: ${result.reason}`);
  };
}

/** What the context resolver does with a token: the app's verifier (signature, algorithm, claims). */
export function appVerifier(app: App, token: string): () => Promise<void> {
  return async () => {
    const result = await app.verifier.verify(token);
    if (!result.ok) throw new Error(`The benchmark token was refused: ${result.reason}`);
  };
}

/** The whole context resolver for a Bearer request: verify, then read the user row. */
export function contextResolver(app: App, token: string): () => Promise<void> {
  const headers = new Headers({ authorization: `Bearer ${token}` });
  return async () => {
    const context = await app.createContext({ headers });
    if (!context.user) throw new Error(`The benchmark token was refused: ${context.authError}`);
  };
}
