import { exportJWK, generateKeyPair, SignJWT, type JSONWebKeySet, type JWK } from "jose";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { signatureCheckCounts } from "@/shared/signature-check";
import { createTokenVerifier, readBearerToken, type TokenVerifierOptions } from "@/shared/token-verifier";
import { createCaller } from "@/server/trpc/routers/_app";
import { createTestApp, TEST_ORIGIN, type TestApp, type TestUser } from "./fixtures/test-app";

const b64 = (value: object) => Buffer.from(JSON.stringify(value)).toString("base64url");
const now = () => Math.floor(Date.now() / 1000);

/** Calls `user.me` over HTTP with the given Authorization header and returns status + tRPC error. */
async function callMe(app: TestApp, authorization?: string) {
  const res = await app.fetch("/api/trpc/user.me", { headers: authorization ? { authorization } : {} });
  // superjson wraps the error in `json`.
  const body = (await res.json()) as { error?: { json: { message: string; data: { code: string; httpStatus: number } } } };
  return { status: res.status, code: body.error?.json.data.code, message: body.error?.json.message, res, body };
}

describe("authentication", () => {
  let app: TestApp;
  let alice: TestUser;

  beforeAll(async () => {
    app = await createTestApp();
    alice = await app.signUp({ email: "alice@example.com", name: "Alice" });
  });
  afterAll(() => app.close());

  /** Signs `payload` with the app's own key (through Better Auth), for claim-level attacks. */
  const signWithAppKey = async (payload: Record<string, unknown>) =>
    (await app.auth.api.signJWT({ body: { payload } })).token;

  describe("a valid token", () => {
    it("issued by /api/auth/token is a minimal EdDSA JWT for the configured origin", async () => {
      const [header, payload] = alice.token.split(".").slice(0, 2).map((part) => JSON.parse(Buffer.from(part, "base64url").toString()));
      expect(header).toMatchObject({ alg: "EdDSA", kid: expect.any(String) });
      expect(payload).toEqual({
        sub: alice.id,
        email: "alice@example.com",
        name: "Alice",
        sid: expect.any(String),
        iss: TEST_ORIGIN,
        aud: TEST_ORIGIN,
        iat: expect.any(Number),
        exp: expect.any(Number),
      });
      expect(payload.exp - payload.iat).toBe(900);
    });

    it("authenticates user.me as its subject", async () => {
      expect(await app.client(alice.token).user.me.query()).toEqual({ id: alice.id, email: "alice@example.com", name: "Alice", emailVerified: false });
    });

    it("is accepted with any casing of the scheme", async () => {
      expect((await callMe(app, `bearer ${alice.token}`)).status).toBe(200);
    });

    it("public keys are served at /api/auth/jwks and verify the token", async () => {
      const res = await app.fetch("/api/auth/jwks");
      const jwks = (await res.json()) as JSONWebKeySet;
      expect(jwks.keys[0]).toMatchObject({ kty: "OKP", crv: "Ed25519", alg: "EdDSA" });
      expect(JSON.stringify(jwks)).not.toMatch(/"d"\s*:/); // no private part
    });
  });

  describe("refused tokens are 401 UNAUTHORIZED with a clear message", () => {
    it.each([
      ["no header", undefined, /Authentication required/],
      ["an empty header", "", /Authentication required/],
      ["another scheme", `Basic ${Buffer.from("a:b").toString("base64")}`, /Invalid access token/],
      ["a scheme without token", "Bearer ", /Invalid access token/],
      ["garbage", "Bearer not-a-jwt", /Invalid access token/],
      ["two parts", "Bearer aaa.bbb", /Invalid access token/],
      ["bad base64 and JSON", "Bearer %%%.###.$$$", /Invalid access token/],
      ["an oversized token", `Bearer ${"a".repeat(10_000)}`, /Invalid access token/],
    ])("%s", async (_, header, message) => {
      const result = await callMe(app, header);
      expect(result.status).toBe(401);
      expect(result.code).toBe("UNAUTHORIZED");
      expect(result.message).toMatch(message);
      // RFC 6750 3.1: another scheme is no bearer token, so it gets no error code.
      expect(result.res.headers.get("www-authenticate")).toBe(header?.startsWith("Bearer") ? 'Bearer realm="api", error="invalid_token"' : 'Bearer realm="api"');
    });

    it("alg: none", async () => {
      const [, payload] = alice.token.split(".");
      const result = await callMe(app, `Bearer ${b64({ alg: "none", typ: "JWT" })}.${payload}.`);
      expect([result.status, result.message]).toEqual([401, "Invalid access token"]);
    });

    it("a tampered payload with the original signature", async () => {
      const [header, payload, signature] = alice.token.split(".");
      const claims = JSON.parse(Buffer.from(payload!, "base64url").toString());
      const forged = `${header}.${b64({ ...claims, sub: "someone-else" })}.${signature}`;
      expect((await callMe(app, `Bearer ${forged}`)).status).toBe(401);
    });

    it("a token signed by another key (with the app's kid)", async () => {
      const { privateKey } = await generateKeyPair("EdDSA", { crv: "Ed25519" });
      const kid = JSON.parse(Buffer.from(alice.token.split(".")[0]!, "base64url").toString()).kid;
      const foreign = await new SignJWT({ sub: alice.id })
        .setProtectedHeader({ alg: "EdDSA", kid })
        .setIssuer(TEST_ORIGIN)
        .setAudience(TEST_ORIGIN)
        .setIssuedAt()
        .setExpirationTime("5m")
        .sign(privateKey);
      expect((await callMe(app, `Bearer ${foreign}`)).message).toBe("Invalid access token");
    });

    it("an expired token, saying so", async () => {
      const expired = await signWithAppKey({ sub: alice.id, iat: now() - 1000, exp: now() - 60 });
      const result = await callMe(app, `Bearer ${expired}`);
      expect([result.status, result.message]).toEqual([401, "Access token expired"]);
    });

    it.each([
      ["a wrong issuer", { iss: "https://evil.example" }],
      ["a wrong audience", { aud: "https://evil.example" }],
      ["no iat", { iat: undefined }],
      ["an iat in the future", { iat: now() + 3600, exp: now() + 4000 }],
      ["an nbf in the future", { nbf: now() + 3600 }],
      ["no subject", { sub: undefined }],
      ["an empty subject", { sub: "" }],
    ])("a token signed by the app's key with %s", async (_, claims) => {
      const token = await signWithAppKey({ sub: alice.id, iat: now(), ...claims });
      const result = await callMe(app, `Bearer ${token}`);
      expect([result.status, result.code, result.message]).toEqual([401, "UNAUTHORIZED", "Invalid access token"]);
    });

    it("a valid token whose user was deleted (their tasks go with them)", async () => {
      const bob = await app.signUp();
      await app.client(bob.token).task.create.mutate({ title: "Bob's" });
      expect((await callMe(app, `Bearer ${bob.token}`)).status).toBe(200);
      await app.db.deleteFrom("user").where("id", "=", bob.id).execute();
      const result = await callMe(app, `Bearer ${bob.token}`);
      expect([result.status, result.message]).toEqual([401, "Invalid access token"]);
      expect(await app.db.selectFrom("task").where("user_id", "=", bob.id).selectAll().execute()).toEqual([]);
    });

    it("the session cookie alone (the API takes Bearer tokens only)", async () => {
      const res = await app.fetch("/api/trpc/user.me", { headers: { cookie: alice.cookie } });
      expect(res.status).toBe(401);
    });

    it("never carries a stack trace", async () => {
      const { body } = await callMe(app, "Bearer x.y.z");
      expect(JSON.stringify(body)).not.toMatch(/stack|at .*\.ts:\d+/);
    });
  });

  it("server-side callers (createCaller) go through the same token check", async () => {
    const callerFor = async (authorization?: string) =>
      createCaller(await app.createContext({ headers: new Headers(authorization ? { authorization } : {}) }));
    expect(await (await callerFor(`Bearer ${alice.token}`)).user.me()).toMatchObject({ id: alice.id });
    await expect((await callerFor()).user.me()).rejects.toMatchObject({ code: "UNAUTHORIZED" });
    await expect((await callerFor("Bearer forged.token.here")).task.stats()).rejects.toMatchObject({ code: "UNAUTHORIZED" });
  });

  it("a signed-out session can no longer get tokens", async () => {
    const carol = await app.signUp();
    const out = await app.fetch("/api/auth/sign-out", {
      method: "POST",
      headers: { cookie: carol.cookie, origin: TEST_ORIGIN },
    });
    expect(out.status).toBe(200);
    const res = await app.fetch("/api/auth/token", { headers: { cookie: carol.cookie } });
    expect(res.status).toBe(401);
  });
});

describe("token verifier", () => {
  async function keyPair(kid: string) {
    const { publicKey, privateKey } = await generateKeyPair("EdDSA", { crv: "Ed25519" });
    return { kid, privateKey, jwk: { ...(await exportJWK(publicKey)), kid, alg: "EdDSA" } };
  }
  const sign = (key: Awaited<ReturnType<typeof keyPair>>, claims: Record<string, unknown> = {}) =>
    new SignJWT({ sub: "user-1", ...claims })
      .setProtectedHeader({ alg: "EdDSA", kid: key.kid })
      .setIssuer("https://app.example")
      .setAudience("https://app.example")
      .setIssuedAt()
      .setExpirationTime("5m")
      .sign(key.privateKey);

  /** A verifier over a key store the test controls (`keys`), counting `loads`, on a clock it moves (`clock`). */
  function verifierOver(keys: JWK[], options: Partial<TokenVerifierOptions> = {}) {
    const store = { keys, loads: 0, clock: Date.now() };
    const verifier = createTokenVerifier({
      issuer: "https://app.example",
      audience: "https://app.example",
      loadKeys: async () => {
        store.loads += 1;
        return { keys: store.keys };
      },
      refreshCooldownMs: 0,
      maxTokenAgeSeconds: 900,
      now: () => store.clock,
      ...options,
    });
    return Object.assign(store, { verify: (token: string) => verifier.verify(token), cached: () => verifier.cached() });
  }

  it("verifies with the set's Ed25519 signing keys only; a token without kid only when the set has one key", async () => {
    const signing = await keyPair("k1");
    const noKid = (key: Awaited<ReturnType<typeof keyPair>>) =>
      new SignJWT({ sub: "user-1" })
        .setProtectedHeader({ alg: "EdDSA" })
        .setIssuer("https://app.example")
        .setAudience("https://app.example")
        .setIssuedAt()
        .setExpirationTime("5m")
        .sign(key.privateKey);
    expect(await verifierOver([signing.jwk]).verify(await sign(signing))).toEqual({ ok: true, userId: "user-1" });
    expect(await verifierOver([signing.jwk]).verify(await noKid(signing))).toEqual({ ok: true, userId: "user-1" });

    // The same key, published for another use or algorithm, verifies nothing.
    for (const restriction of [{ use: "enc" }, { key_ops: ["encrypt"] }, { alg: "ES256" }]) {
      expect(await verifierOver([{ ...signing.jwk, ...restriction }]).verify(await sign(signing))).toEqual({ ok: false, reason: "invalid" });
    }
    const other = await keyPair("k2");
    expect(await verifierOver([signing.jwk, other.jwk]).verify(await noKid(signing))).toEqual({ ok: false, reason: "invalid" });
  });

  it("reloads the key set once for a new kid, and at most once per cooldown for unknown ones", async () => {
    const first = await keyPair("k1");
    const rotated = await keyPair("k2");
    const store = verifierOver([first.jwk], { refreshCooldownMs: 30_000 });

    expect(await store.verify(await sign(first))).toEqual({ ok: true, userId: "user-1" });
    expect(store.loads).toBe(1);

    // A key rotated in after the cooldown is picked up by the first token that uses it.
    store.keys = [first.jwk, rotated.jwk];
    store.clock += 31_000;
    expect(await store.verify(await sign(rotated))).toEqual({ ok: true, userId: "user-1" });
    expect(store.loads).toBe(2);

    // A flood of unknown kids within the cooldown does not reach the key store.
    const stranger = await keyPair("unknown");
    const forged = await sign(stranger);
    const results = await Promise.all(Array.from({ length: 50 }, () => store.verify(forged)));
    expect(results.every((r) => !r.ok)).toBe(true);
    expect(store.loads).toBe(2);

    // After the cooldown, one more reload is allowed, concurrent callers sharing it.
    store.clock += 31_000;
    await Promise.all(Array.from({ length: 10 }, () => store.verify(forged)));
    expect(store.loads).toBe(3);
  });

  it("accepts a just-rotated kid at once, a burst of such tokens sharing one reload", async () => {
    const first = await keyPair("k1");
    const rotated = await keyPair("k2");
    const store = verifierOver([first.jwk], { refreshCooldownMs: 3_600_000 });
    expect(await store.verify(await sign(first))).toMatchObject({ ok: true });
    store.keys = [first.jwk, rotated.jwk];
    const token = await sign(rotated);
    const results = await Promise.all(Array.from({ length: 20 }, () => store.verify(token)));
    expect(results.every((r) => r.ok)).toBe(true);
    expect(store.loads).toBe(2);
  });

  it("within the cooldown, reloads for a token newer than the cached key set, at most once a second", async () => {
    const first = await keyPair("k1");
    const made = await keyPair("k2"); // by another instance, after this one read its keys
    const stranger = await keyPair("unknown");
    const store = verifierOver([first.jwk], { refreshCooldownMs: 3_600_000 });
    /** A token issued `secondsAgo` before the verifier's clock. */
    const issued = (key: typeof first, secondsAgo = 0) =>
      new SignJWT({ sub: "user-1" })
        .setProtectedHeader({ alg: "EdDSA", kid: key.kid })
        .setIssuer("https://app.example")
        .setAudience("https://app.example")
        .setIssuedAt(Math.floor(store.clock / 1000) - secondsAgo)
        .setExpirationTime("5m")
        .sign(key.privateKey);

    expect(await store.verify(await issued(stranger))).toMatchObject({ ok: false }); // a reload for an unknown kid: the cooldown starts
    expect(store.loads).toBe(2);

    store.keys = [first.jwk, made.jwk];
    store.clock += 10_000;
    const old = await issued(stranger, 60); // issued before the set was read: no such reload
    expect(await store.verify(old)).toMatchObject({ ok: false });
    expect(store.loads).toBe(2);

    const fresh = await issued(made);
    expect(await store.verify(fresh)).toEqual({ ok: true, userId: "user-1" });
    expect(store.loads).toBe(3);

    // Forged fresh tokens cannot make it reload more than once a second.
    store.clock += 500;
    await Promise.all(Array.from({ length: 20 }, async () => store.verify(await issued(stranger))));
    expect(store.loads).toBe(3);
    store.clock += 600;
    await Promise.all(Array.from({ length: 20 }, async () => store.verify(await issued(stranger))));
    expect(store.loads).toBe(4);
  });

  it("reloads a key set older than maxKeySetAgeMs, so a key dropped from it stops verifying", async () => {
    const key = await keyPair("k1");
    const store = verifierOver([key.jwk], { maxKeySetAgeMs: 60_000 });
    const token = await sign(key);
    expect(await store.verify(token)).toMatchObject({ ok: true });
    store.keys = [];
    store.clock += 59_000;
    expect(await store.verify(token)).toMatchObject({ ok: true }); // still cached
    store.clock += 2_000;
    expect(await store.verify(token)).toEqual({ ok: false, reason: "invalid" });
  });

  it("checks a lone token on the event loop and a burst on the thread pool, with the same answers", async () => {
    const key = await keyPair("k1");
    const stranger = await keyPair("k1"); // the right kid, the wrong key
    const store = verifierOver([key.jwk]);
    const genuine = await Promise.all(Array.from({ length: 10 }, (_, i) => sign(key, { sub: `user-${i}` })));
    const forged = await Promise.all(Array.from({ length: 10 }, (_, i) => sign(stranger, { sub: `user-${i}` })));
    await store.verify(genuine[0]!); // the key set is loaded

    const before = signatureCheckCounts();
    for (const [i, token] of genuine.slice(0, 3).entries()) expect(await store.verify(token)).toEqual({ ok: true, userId: `user-${i}` });
    expect(await store.verify(forged[0]!)).toEqual({ ok: false, reason: "invalid" });
    const alone = signatureCheckCounts();
    expect(alone).toEqual({ eventLoop: before.eventLoop + 4, threadPool: before.threadPool });

    const burst = await Promise.all([...genuine, ...forged].map((token) => store.verify(token)));
    expect(burst).toEqual([
      ...genuine.map((_, i) => ({ ok: true, userId: `user-${i}` })),
      ...forged.map(() => ({ ok: false, reason: "invalid" })),
    ]);
    // The first of the burst begins alone; the other 19 find it begun and go to the pool.
    expect(signatureCheckCounts()).toEqual({ eventLoop: alone.eventLoop + 1, threadPool: alone.threadPool + 19 });
  });

  describe("remembering verified tokens (cacheMaxEntries)", () => {
    it("still refuses a remembered token once it expires or grows too old", async () => {
      const key = await keyPair("k1");
      const store = verifierOver([key.jwk], { cacheMaxEntries: 10, maxKeySetAgeMs: 3_600_000 });
      const token = await sign(key); // exp in 5 minutes
      expect(await store.verify(token)).toEqual({ ok: true, userId: "user-1" });
      expect(store.cached()).toBe(1);
      store.clock += 4 * 60_000;
      expect(await store.verify(token)).toEqual({ ok: true, userId: "user-1" });
      store.clock += 2 * 60_000; // past exp and the 5 s tolerance
      expect(await store.verify(token)).toEqual({ ok: false, reason: "expired" });
      expect(store.cached()).toBe(0);

      const aged = verifierOver([key.jwk], { cacheMaxEntries: 10, maxKeySetAgeMs: 3_600_000, maxTokenAgeSeconds: 60 });
      const long = await sign(key, { exp: Math.floor(Date.now() / 1000) + 3_600 });
      expect(await aged.verify(long)).toMatchObject({ ok: true });
      aged.clock += 70_000;
      expect(await aged.verify(long)).toEqual({ ok: false, reason: "expired" });
    });

    it("forgets every token when the key set is reloaded: a key dropped from the set takes its tokens along", async () => {
      const key = await keyPair("k1");
      const store = verifierOver([key.jwk], { cacheMaxEntries: 10, maxKeySetAgeMs: 60_000 });
      const token = await sign(key);
      expect(await store.verify(token)).toMatchObject({ ok: true });
      store.keys = [];
      store.clock += 61_000;
      expect(await store.verify(token)).toEqual({ ok: false, reason: "invalid" });
      expect(await store.verify(token)).toEqual({ ok: false, reason: "invalid" }); // the reloaded set is fresh again
      expect(store.cached()).toBe(0);
    });

    it("keeps only accepted tokens, at most cacheMaxEntries of them", async () => {
      const key = await keyPair("k1");
      const store = verifierOver([key.jwk], { cacheMaxEntries: 2, maxKeySetAgeMs: 3_600_000 });
      const stranger = await keyPair("k1"); // the right kid, the wrong key
      const forged = await sign(stranger);
      expect(await store.verify(forged)).toEqual({ ok: false, reason: "invalid" });
      const [header, , signature] = (await sign(key)).split(".");
      const tampered = `${header}.${Buffer.from(JSON.stringify({ sub: "someone-else", iss: "https://app.example", aud: "https://app.example", iat: 1, exp: 9e9 })).toString("base64url")}.${signature}`;
      expect(await store.verify(tampered)).toEqual({ ok: false, reason: "invalid" });
      expect(store.cached()).toBe(0);

      const [a, b, c] = await Promise.all(["user-a", "user-b", "user-c"].map((sub) => sign(key, { sub })));
      expect(await store.verify(a!)).toEqual({ ok: true, userId: "user-a" });
      expect(await store.verify(b!)).toEqual({ ok: true, userId: "user-b" });
      expect(await store.verify(a!)).toEqual({ ok: true, userId: "user-a" });
      expect(await store.verify(c!)).toEqual({ ok: true, userId: "user-c" });
      expect(store.cached()).toBe(2);
      // A forgotten token is checked again in full, and remembered again.
      expect(await store.verify(b!)).toEqual({ ok: true, userId: "user-b" });
      expect(store.cached()).toBe(2);
    });

    it("remembers nothing with cacheMaxEntries 0", async () => {
      const key = await keyPair("k1");
      const store = verifierOver([key.jwk]);
      expect(await store.verify(await sign(key))).toMatchObject({ ok: true });
      expect(store.cached()).toBe(0);
    });
  });

  it("refuses an HS256 token made with the public key as the secret (key confusion)", async () => {
    const key = await keyPair("k1");
    const verifier = verifierOver([key.jwk]);
    const secret = new TextEncoder().encode(JSON.stringify(key.jwk));
    const confused = await new SignJWT({ sub: "user-1" })
      .setProtectedHeader({ alg: "HS256", kid: "k1" })
      .setIssuer("https://app.example")
      .setAudience("https://app.example")
      .setIssuedAt()
      .setExpirationTime("5m")
      .sign(secret);
    expect(await verifier.verify(confused)).toEqual({ ok: false, reason: "invalid" });
  });

  it.each([
    [null, null],
    ["", null],
    ["Bearer abc", "abc"],
    ["BEARER   abc", "abc"],
    ["Bearer", undefined],
    ["Bearer a b", undefined],
    ["Token abc", undefined],
  ])("reads the Authorization header %j as %j", (header, expected) => {
    expect(readBearerToken(header)).toBe(expected);
  });
});
