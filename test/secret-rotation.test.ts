import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it, vi } from "vitest";
import { mintAccessToken } from "@/server/mint-access-token";
import { assertSigningKeysDecrypt, rotateSigningKey, undecryptableSigningKeys } from "@/server/signing-keys";
import { createTestApp, TEST_ORIGIN, TEST_PASSWORD } from "./fixtures/test-app";

/**
 * Rotating the secret with versioned secrets. The operator keeps the old value in BETTER_AUTH_SECRET
 * (it decrypts what was written before versioned secrets) and sets `BETTER_AUTH_SECRETS="2:new,1:old"`:
 * the JWT signing keys encrypted with the old secret still decrypt, tokens already issued still verify,
 * new keys are encrypted under version 2. Session cookies are signed with the newest secret only, so
 * sessions end and users sign in again. Dropping the old secret too early fails loudly: start-up refuses,
 * token requests fail, pages fail; retiring the key (`npm run keys:rotate`) recovers.
 */
describe("secret rotation (BETTER_AUTH_SECRETS)", () => {
  const dir = mkdtempSync(join(tmpdir(), "tasks-secrets-"));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const oldSecret = randomBytes(32).toString("base64");
  const newSecret = randomBytes(32).toString("base64");
  const kidOf = (token: string) => JSON.parse(Buffer.from(token.split(".")[0]!, "base64url").toString()).kid as string;

  it("old keys still decrypt and old tokens still verify; new keys use the new secret; sessions end", async () => {
    const database = { DATABASE_URL: join(dir, "app.db") };
    const before = await createTestApp({ ...database, BETTER_AUTH_SECRET: oldSecret });
    const user = await before.signUp();
    await before.close();

    await using after = await createTestApp({ ...database, BETTER_AUTH_SECRET: oldSecret, BETTER_AUTH_SECRETS: `2:${newSecret},1:${oldSecret}` });
    expect(await after.client(user.token).user.me.query()).toMatchObject({ id: user.id });
    expect((await after.fetch("/api/auth/token", { headers: { cookie: user.cookie } })).status).toBe(401); // sign in again
    const signIn = await after.fetch("/api/auth/sign-in/email", {
      method: "POST",
      headers: { "content-type": "application/json", origin: TEST_ORIGIN },
      body: JSON.stringify({ email: user.email, password: TEST_PASSWORD }),
    });
    const cookie = signIn.headers.getSetCookie().map((c) => c.split(";")[0]).join("; ");
    expect(await undecryptableSigningKeys(after)).toEqual([]);
    const token = await after.tokenFor(cookie);
    expect(kidOf(token)).toBe(kidOf(user.token)); // signed with the key the old secret encrypted
    // Pages mint theirs the same way; no cookie, no token.
    expect(kidOf((await mintAccessToken(after.auth, new Headers({ cookie })))!)).toBe(kidOf(user.token));
    expect(await mintAccessToken(after.auth, new Headers())).toBeNull();
    expect(await after.client(token).user.me.query()).toMatchObject({ id: user.id });

    // A key made now is encrypted under version 2 (Better Auth's "$ba$<version>$" envelope).
    await rotateSigningKey(after.db);
    expect(kidOf(await after.tokenFor(cookie))).not.toBe(kidOf(user.token));
    const keys = await after.db.selectFrom("jwks").select(["privateKey"]).orderBy("createdAt").execute();
    expect(JSON.parse(keys.at(-1)!.privateKey)).toMatch(/^\$ba\$2\$/);
  });

  it("without the old secret, the old key cannot be decrypted: no token is signed", async () => {
    const database = { DATABASE_URL: join(dir, "dropped.db") };
    const before = await createTestApp({ ...database, BETTER_AUTH_SECRET: oldSecret });
    const user = await before.signUp();
    await before.close();
    await using dropped = await createTestApp({ ...database, BETTER_AUTH_SECRETS: `2:${newSecret}` });
    const signIn = await dropped.fetch("/api/auth/sign-in/email", {
      method: "POST",
      headers: { "content-type": "application/json", origin: TEST_ORIGIN },
      body: JSON.stringify({ email: user.email, password: TEST_PASSWORD }),
    });
    const cookie = signIn.headers.getSetCookie().map((c) => c.split(";")[0]).join("; ");
    // Better Auth logs the failure (to console.error): captured and checked here instead of printed.
    const logged = vi.spyOn(console, "error").mockImplementation(() => {});
    try {
      const token = await dropped.fetch("/api/auth/token", { headers: { cookie } });
      expect(token.ok).toBe(false);
      expect(token.status).toBe(500);
      expect(logged.mock.calls.flat().map(String).join("\n")).toMatch(/Failed to decrypt private key/);
      // A page fails too, instead of taking the user for signed out (and sending them to /sign-in and back).
      await expect(mintAccessToken(dropped.auth, new Headers({ cookie }))).rejects.toThrow(/Failed to decrypt private key/);
    } finally {
      logged.mockRestore();
    }
    // Start-up finds it first (scripts/prepare-database.ts; test/config.test.ts runs the scripts).
    expect(await undecryptableSigningKeys(dropped)).toEqual([kidOf(user.token)]);
    await expect(assertSigningKeysDecrypt(dropped)).rejects.toThrow(`(kid ${kidOf(user.token)})`);
    // A retired key signs no more, so it needs no decrypting; the next token has a new one.
    await rotateSigningKey(dropped.db);
    expect(await undecryptableSigningKeys(dropped)).toEqual([]);
    const token = await dropped.tokenFor(cookie);
    expect(kidOf(token)).not.toBe(kidOf(user.token));
    expect(await dropped.client(token).user.me.query()).toMatchObject({ id: user.id });
  });
});
