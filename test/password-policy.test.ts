import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, TEST_ORIGIN, TEST_PASSWORD, type TestApp } from "./fixtures/test-app";

/**
 * Passwords (OWASP ASVS 5, V6.2; NIST SP 800-63B 5.1.1.2): 12 to 128 characters, never one of the most
 * common ones, not repetitive or sequential, not built from the email, the name or the app's name, and
 * never the current one again.
 */
describe("password policy", () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await createTestApp();
  });
  afterAll(() => app.close());

  const signUp = (password: string) =>
    app.fetch("/api/auth/sign-up/email", {
      method: "POST",
      headers: { "content-type": "application/json", origin: TEST_ORIGIN },
      body: JSON.stringify({ email: `p-${Math.random()}@example.com`, name: "P", password }),
    });
  const userCount = async () => (await app.db.selectFrom("user").select("id").execute()).length;

  it.each([
    ["11 characters", "abcdefghijk", /too short/i],
    ["129 characters", "a".repeat(129), /too long/i],
    ["a common password", "qwerty123456", /too common/],
    ["a common password in other letter case", "QWERTY123456", /too common/],
    ["another common one", "1qaz2wsx3edc", /too common/],
  ])("refuses %s at sign-up, creating no user", async (_, password, message) => {
    const before = await userCount();
    const res = await signUp(password);
    expect(res.status).toBe(400);
    expect(((await res.json()) as { message: string }).message).toMatch(message);
    expect(await userCount()).toBe(before);
  });

  it("accepts 12 and 128 characters that are not common, repetitive or sequential", async () => {
    expect((await signUp("tulip-orbit-9")).status).toBe(200);
    expect((await signUp("x7".repeat(64))).status).toBe(400); // long, but one pattern repeated
    const passphrase = "Vivid-Canyon-Ledger-42-Plum-Harbor-Quartz-Meadow-Ninety-Lantern-Otter-Saffron-Willow-Juniper-Falcon-Cobalt-Ember-Tundra-Mosaic";
    expect((await signUp(passphrase.slice(0, 128))).status).toBe(200);
  });

  it.each([
    ["a repeated character", "aaaaaaaaaaaa", /repeated characters/i],
    ["a sequence", "abcdefghijklmn", /sequences/i],
    ["a keyboard row", "qwertyuiopasdf", /too easy to guess/],
    ["the email with a digit", "ada.lovelace@example.com1", /your name, your email or the app's name/],
    ["the name, repeated", "lovelacelovelace", /too easy to guess/],
  ])("refuses %s at sign-up with a reason, creating no user", async (_, password, message) => {
    const before = await userCount();
    const res = await app.fetch("/api/auth/sign-up/email", {
      method: "POST",
      headers: { "content-type": "application/json", origin: TEST_ORIGIN },
      body: JSON.stringify({ email: "ada.lovelace@example.com", name: "Ada Lovelace", password }),
    });
    expect(res.status).toBe(400);
    const body = (await res.json()) as { code: string; message: string };
    expect(body.code).toBe("PASSWORD_TOO_WEAK");
    expect(body.message).toMatch(message);
    expect(await userCount()).toBe(before);
  });

  it("refuses the current password as the new one, and a weak one built from the user's own email", async () => {
    const user = await app.signUp({ email: "grace.hopper@example.com", name: "Grace Hopper" });
    const change = (newPassword: string) =>
      app.fetch("/api/auth/change-password", {
        method: "POST",
        headers: { cookie: user.cookie, origin: TEST_ORIGIN, "content-type": "application/json" },
        body: JSON.stringify({ currentPassword: TEST_PASSWORD, newPassword }),
      });
    const same = await change(TEST_PASSWORD);
    expect(same.status).toBe(400);
    expect(await same.json()).toMatchObject({ code: "PASSWORD_UNCHANGED", message: "The new password must differ from the current one" });
    const own = await change("grace.hopper@example.com!");
    expect(own.status).toBe(400);
    expect(((await own.json()) as { code: string }).code).toBe("PASSWORD_TOO_WEAK");
    expect((await change("lumen quarry basalt velvet")).status).toBe(200);
  });

  it("PASSWORD_MIN_STRENGTH=0 turns the estimate off (lengths and the common list still apply)", async () => {
    await using lax = await createTestApp({ PASSWORD_MIN_STRENGTH: "0" });
    const res = await lax.fetch("/api/auth/sign-up/email", {
      method: "POST",
      headers: { "content-type": "application/json", origin: TEST_ORIGIN },
      body: JSON.stringify({ email: "lax@example.com", name: "Lax", password: "aaaaaaaaaaaa" }),
    });
    expect(res.status).toBe(200);
  });

  it("refuses a common new password on change, keeping the old one", async () => {
    const user = await app.signUp();
    const res = await app.fetch("/api/auth/change-password", {
      method: "POST",
      headers: { cookie: user.cookie, origin: TEST_ORIGIN, "content-type": "application/json" },
      body: JSON.stringify({ currentPassword: TEST_PASSWORD, newPassword: "123qweasdzxc" }),
    });
    expect(res.status).toBe(400);
    expect(((await res.json()) as { code: string }).code).toBe("PASSWORD_TOO_COMMON");
    const signIn = await app.fetch("/api/auth/sign-in/email", {
      method: "POST",
      headers: { "content-type": "application/json", origin: TEST_ORIGIN },
      body: JSON.stringify({ email: user.email, password: TEST_PASSWORD }),
    });
    expect(signIn.status).toBe(200);
  });
});
