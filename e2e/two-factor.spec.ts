/** Two-factor sign-in in the browser: set up by scanning (the key read from the page), then a sign-in that asks for the code. */
import type { Page } from "@playwright/test";
import { Secret, TOTP } from "otpauth";
import { expect, expectAccessible, PASSWORD, signUp, test } from "./fixtures";

/** Sets two-factor up on the account page as a person with an authenticator app would; returns the app and the backup codes. */
async function setUpTwoFactor(page: Page) {
  await page.goto("/account");
  const section = page.getByRole("region", { name: "Two-factor sign-in" });
  await section.getByLabel("Password").fill(PASSWORD);
  await section.getByRole("button", { name: "Set up two-factor sign-in" }).click();
  await expect(section.getByRole("img", { name: "QR code for your authenticator app" })).toBeVisible();
  await expectAccessible(page);
  // The key as typed by hand into an authenticator app.
  const key = (await section.getByLabel("Secret key").textContent())!.replace(/\s+/g, "");
  const authenticator = new TOTP({ secret: Secret.fromBase32(key), digits: 6, period: 30 });
  await section.getByLabel("Code from the app").fill("000000");
  await section.getByRole("button", { name: "Confirm and turn on" }).click();
  await expect(section.getByText("That code is not right")).toBeVisible();
  await section.getByLabel("Code from the app").fill(authenticator.generate());
  await section.getByRole("button", { name: "Confirm and turn on" }).click();
  await expect(section.getByText("Two-factor sign-in is on.")).toBeVisible();
  const codes = await section.getByRole("list", { name: "Backup codes" }).getByRole("listitem").allTextContents();
  expect(codes).toHaveLength(10);
  await expect(section.getByRole("link", { name: "Download" })).toHaveAttribute("download", "tasks-backup-codes.txt");
  await expectAccessible(page);
  await section.getByRole("button", { name: "I have saved them" }).click();
  await expect(section.getByText("On.", { exact: true })).toBeVisible();
  return { authenticator, codes, section };
}

async function signOut(page: Page) {
  await page.goto("/");
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page.getByRole("heading", { name: "Sign in" })).toBeVisible();
}

async function signInPassword(page: Page, email: string) {
  await page.goto("/sign-in");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("heading", { name: "Two-factor sign-in" })).toBeVisible();
}

for (const colorScheme of ["light", "dark"] as const) {
  test.describe(`${colorScheme} scheme`, () => {
    test.use({ colorScheme });

    test("set up by scanning, then signing in asks for the code", async ({ page }) => {
      const { email } = await signUp(page);
      const { authenticator } = await setUpTwoFactor(page);
      await signOut(page);

      await signInPassword(page, email);
      await expectAccessible(page);
      // The password alone got no session: the task page still sends to sign-in.
      await page.goto("/");
      await expect(page.getByRole("heading", { name: "Sign in" })).toBeVisible();

      await signInPassword(page, email);
      await page.getByLabel("Authentication code").fill("123456");
      await page.getByRole("button", { name: "Verify" }).click();
      await expect(page.getByText("That code is not right")).toBeVisible();
      await expectAccessible(page);
      // The next step's code (accepted for clock drift): the setup's code, if still current, is spent.
      await page.getByLabel("Authentication code").fill(authenticator.generate({ timestamp: Date.now() + 30_000 }));
      await page.getByRole("button", { name: "Verify" }).click();
      await expect(page.getByRole("heading", { name: "Tasks" })).toBeVisible();
    });
  });
}

test("a backup code signs in once; two-factor is turned off with the password and a code", async ({ page }) => {
  const { email } = await signUp(page);
  const { authenticator, codes } = await setUpTwoFactor(page);
  await signOut(page);

  await signInPassword(page, email);
  await page.getByRole("button", { name: "Use a backup code instead" }).click();
  await page.getByLabel("Backup code").fill(codes[0]!);
  await page.getByRole("button", { name: "Verify" }).click();
  await expect(page.getByRole("heading", { name: "Tasks" })).toBeVisible();
  await signOut(page);
  await signInPassword(page, email);
  await page.getByRole("button", { name: "Use a backup code instead" }).click();
  await page.getByLabel("Backup code").fill(codes[0]!);
  await page.getByRole("button", { name: "Verify" }).click();
  await expect(page.getByText("That backup code is not right, or was used already.")).toBeVisible();
  await page.getByLabel("Backup code").fill(codes[1]!);
  await page.getByRole("button", { name: "Verify" }).click();
  await expect(page.getByRole("heading", { name: "Tasks" })).toBeVisible();

  await page.goto("/account");
  const section = page.getByRole("region", { name: "Two-factor sign-in" });
  await section.getByLabel("Password").fill(PASSWORD);
  await section.getByRole("button", { name: "Turn off two-factor sign-in" }).click();
  await expect(section.getByText("Enter a code from your authenticator app, or a backup code.")).toBeVisible();
  await section.getByLabel("Code from the app, or a backup code").fill(authenticator.generate({ timestamp: Date.now() + 30_000 }));
  await section.getByRole("button", { name: "Turn off two-factor sign-in" }).click();
  await expect(section.getByRole("button", { name: "Set up two-factor sign-in" })).toBeVisible();
  await signOut(page);
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("heading", { name: "Tasks" })).toBeVisible();
});
