import { symmetricEncrypt } from "better-auth/crypto";
import { decodeProtectedHeader } from "jose";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { rotateSigningKey, undecryptableSigningKeys } from "@/server/signing-keys";
import { createTestApp, TEST_ORIGIN, type TestApp } from "./fixtures/test-app";

const kidOf = (token: string) => decodeProtectedHeader(token).kid;

/** Who `token` is, according to the running app (`user.me` over HTTP), or the refusal's code. */
const whoIs = (app: TestApp, token: string) =>
  app
    .client(token)
    .user.me.query()
    .then((me) => me.id)
    .catch((error: { data?: { code?: string } }) => error.data?.code);

const publishedKids = async (app: TestApp) =>
  ((await (await app.fetch("/api/auth/jwks")).json()) as { keys: { kid: string }[] }).keys.map((key) => key.kid);

/** A fresh token signed with the stored key `kid`, as someone holding it would make (a leaked key). */
const signWithStoredKey = (app: TestApp, kid: string, sub: string) => {
  const now = Math.floor(Date.now() / 1000);
  return app.signAsApp({ sub, iss: TEST_ORIGIN, aud: TEST_ORIGIN, iat: now, exp: now + 300 }, { kid });
};

describe("signing key rotation", () => {
  // Only Date is faked: the database, Better Auth and the verifier all read the clock through it.
  beforeEach(() => vi.useFakeTimers({ toFake: ["Date"], now: new Date("2030-01-01T00:00:00Z") }));
  afterEach(() => vi.useRealTimers());
  const advance = (seconds: number) => vi.setSystemTime(Date.now() + seconds * 1000);

  const rotationEnv = {
    ACCESS_TOKEN_TTL_SECONDS: "60",
    JWKS_GRACE_PERIOD_SECONDS: "120",
    JWKS_CACHE_MAX_AGE_SECONDS: "30",
    // The running server has just loaded its keys: a new kid must not wait for this cooldown.
    JWKS_REFRESH_COOLDOWN_SECONDS: "3600",
  };

  it("on demand: tokens from the old and the new key both verify, the new kid at once", async () => {
    await using app = await createTestApp(rotationEnv);
    const user = await app.signUp();
    expect(await whoIs(app, user.token)).toBe(user.id); // the verifier has loaded the key set

    expect(await rotateSigningKey(app.db)).toBe(1);
    const after = await app.tokenFor(user.cookie);
    expect(kidOf(after)).not.toBe(kidOf(user.token));
    expect(await whoIs(app, after)).toBe(user.id);
    expect(await whoIs(app, user.token)).toBe(user.id);
    expect(await publishedKids(app)).toEqual(expect.arrayContaining([kidOf(user.token), kidOf(after)]));
    expect(await rotateSigningKey(app.db)).toBe(1); // only the new key was still signing
  });

  it("start-up's check names a live key the secret cannot decrypt, never a retired one", async () => {
    await using app = await createTestApp(rotationEnv);
    const user = await app.signUp();
    expect(await undecryptableSigningKeys(app)).toEqual([]);
    // As if the key had been made under another secret.
    const foreign = JSON.stringify(await symmetricEncrypt({ key: "another-secret-of-at-least-32-characters", data: "{}" }));
    await app.db.updateTable("jwks").set({ privateKey: foreign }).execute();
    expect(await undecryptableSigningKeys(app)).toEqual([kidOf(user.token)]);
    await app.db.updateTable("jwks").set({ privateKey: "not JSON" }).execute();
    expect(await undecryptableSigningKeys(app)).toEqual([kidOf(user.token)]);

    await rotateSigningKey(app.db);
    expect(await undecryptableSigningKeys(app)).toEqual([]);
    const next = await app.tokenFor(user.cookie);
    expect(kidOf(next)).not.toBe(kidOf(user.token));
    expect(await whoIs(app, next)).toBe(user.id);
    expect(await undecryptableSigningKeys(app)).toEqual([]);
  });

  it("by interval: a key older than JWKS_ROTATION_INTERVAL_SECONDS is replaced on the next token", async () => {
    await using app = await createTestApp({ ...rotationEnv, JWKS_ROTATION_INTERVAL_SECONDS: "100" });
    const user = await app.signUp();
    advance(50);
    expect(kidOf(await app.tokenFor(user.cookie))).toBe(kidOf(user.token));
    advance(51);
    const rotated = await app.tokenFor(user.cookie);
    expect(kidOf(rotated)).not.toBe(kidOf(user.token));
    expect(await whoIs(app, rotated)).toBe(user.id);
  });

  it("after the grace period a retired key verifies nothing, even in a running server's cache", async () => {
    await using app = await createTestApp(rotationEnv);
    const user = await app.signUp();
    const oldKid = kidOf(user.token)!;
    expect(await whoIs(app, await signWithStoredKey(app, oldKid, user.id))).toBe(user.id); // the forgery works while the key is live

    await rotateSigningKey(app.db);
    const current = await app.tokenFor(user.cookie);
    advance(100); // within the grace period: still published, still verifying
    expect(await whoIs(app, await signWithStoredKey(app, oldKid, user.id))).toBe(user.id);

    advance(31); // past the grace period (120 s), and the cache loaded at +100 s is older than its 30 s

    expect(await publishedKids(app)).not.toContain(oldKid);
    expect(await whoIs(app, await signWithStoredKey(app, oldKid, user.id))).toBe("UNAUTHORIZED");
    expect(await whoIs(app, await app.tokenFor(user.cookie))).toBe(user.id);
    expect(kidOf(await app.tokenFor(user.cookie))).toBe(kidOf(current));
  });
});
