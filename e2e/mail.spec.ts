/** Account recovery and address confirmation in the browser, with real mail: a production server of this file's own sends to an SMTP server in the test. */
import { randomUUID } from "node:crypto";
import { expect, test, type Page } from "@playwright/test";
import { startProductionServer, type ProductionServer } from "../test/fixtures/production-server";
import { linkIn, startSmtpServer, type TestSmtpServer } from "../test/fixtures/smtp";
import { expectAccessible, PASSWORD } from "./fixtures";

test.describe.configure({ mode: "serial" });

const basePort = Number(process.env.E2E_PORT ?? 3100);
let smtp: TestSmtpServer;
let server: ProductionServer;

test.beforeAll(async () => {
  test.setTimeout(90_000);
  smtp = await startSmtpServer();
  server = await startProductionServer(basePort + 5, { SMTP_URL: smtp.url, MAIL_FROM: "Tasks <tasks@example.com>" });
});
test.afterAll(async () => {
  await server?.stop();
  await smtp?.close();
});

/** Signs up through the form on `url`'s server; waits for the task page. */
async function signUp(page: Page, url: string, heading: string | RegExp = "Tasks") {
  const email = `mail-${randomUUID()}@example.com`;
  await page.goto(`${url}/sign-up`);
  await page.getByLabel("Name").fill("Mail User");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(PASSWORD);
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page.getByRole("heading", { name: heading })).toBeVisible();
  return email;
}

for (const colorScheme of ["light", "dark"] as const) {
  test(`forgot password: the mailed link sets a new password and signs in (${colorScheme})`, async ({ browser }) => {
    const context = await browser.newContext({ colorScheme });
    const page = await context.newPage();
    const email = await signUp(page, server.url);
    await context.clearCookies();

    await page.goto(`${server.url}/sign-in`);
    await page.getByRole("link", { name: "Forgot password?" }).click();
    await expect(page.getByRole("heading", { name: "Forgot your password?" })).toBeVisible();
    await expect(page.getByRole("button", { name: "Send reset link" })).toBeEnabled();
    await expectAccessible(page);
    await page.getByRole("button", { name: "Send reset link" }).click();
    await expect(page.getByText("Enter your email address.")).toBeVisible();
    await page.getByLabel("Email").fill(email);
    await page.getByRole("button", { name: "Send reset link" }).click();
    await expect(page.getByRole("status")).toContainText(`If ${email} has an account, a link to choose a new password is on its way`);
    await expectAccessible(page);

    const link = linkIn(await smtp.nextMail(email, { subject: "reset your password" }));
    await page.goto(link.href);
    await expect(page.getByRole("heading", { name: "Choose a new password" })).toBeVisible();
    await expect(page.getByText(email)).toBeVisible();
    await expect(page.getByRole("button", { name: "Set new password" })).toBeEnabled();
    await expectAccessible(page);
    const newPassword = "marble orchard lantern quietly";
    await page.getByLabel("New password", { exact: true }).fill(newPassword);
    await page.getByLabel("New password again").fill("something else entirely");
    await page.getByRole("button", { name: "Set new password" }).click();
    await expect(page.getByText("The two passwords differ.")).toBeVisible();
    await expectAccessible(page);
    await page.getByLabel("New password again").fill(newPassword);
    await page.getByRole("button", { name: "Set new password" }).click();
    await expect(page.getByRole("heading", { name: "Tasks" })).toBeVisible();

    // The link worked once: opened again, it says so and offers a new one.
    await page.goto(link.href);
    await expect(page.getByRole("heading", { name: "This link no longer works" })).toBeVisible();
    await expect(page.getByRole("link", { name: "Ask for a new link" })).toBeVisible();
    await expectAccessible(page);
    await context.close();
  });

  test(`a new account is asked to confirm its address; the mailed link confirms it (${colorScheme})`, async ({ browser }) => {
    const context = await browser.newContext({ colorScheme });
    const page = await context.newPage();
    const email = await signUp(page, server.url);
    const banner = page.getByText("Please confirm your email address");
    await expect(banner).toBeVisible();
    await expectAccessible(page);
    // The sign-up's mail, then the one the banner's button asks for: both work; follow the newer.
    await smtp.nextMail(email, { subject: "confirm your email address" });
    await page.getByRole("button", { name: "Send a new link" }).click();
    await expect(page.getByRole("status").filter({ hasText: "A new link is on its way" })).toBeVisible();
    const link = linkIn(await smtp.nextMail(email, { subject: "confirm your email address" }));

    await page.goto(link.href);
    await expect(page.getByRole("heading", { name: "Email address confirmed" })).toBeVisible();
    await expectAccessible(page);
    await page.getByRole("link", { name: "Go to your tasks" }).click();
    await expect(page.getByRole("heading", { name: "Tasks" })).toBeVisible();
    await expect(banner).toHaveCount(0);

    await page.goto(`${server.url}/account`);
    await expect(page.getByText("Confirmed", { exact: true })).toBeVisible();
    await expectAccessible(page);

    // A broken link says what went wrong.
    await page.goto(`${server.url}/api/auth/verify-email?token=garbage&callbackURL=%2Femail-verified`);
    await expect(page.getByRole("heading", { name: "The address is not confirmed" })).toBeVisible();
    await expectAccessible(page);
    await context.close();
  });
}

test("changing the address: confirmed by a link to the new one, then shown on the account page", async ({ page }) => {
  const email = await signUp(page, server.url);
  await page.goto(linkIn(await smtp.nextMail(email, { subject: "confirm your email address" })).href);
  await page.goto(`${server.url}/account`);
  const newEmail = `moved-${randomUUID()}@example.com`;
  await page.getByLabel("New email address").fill(newEmail);
  await page.getByLabel("Confirm with your password").fill(PASSWORD);
  await page.getByRole("button", { name: "Change email" }).click();
  await expect(page.getByRole("status").filter({ hasText: `We sent a link to ${newEmail}` })).toBeVisible();
  await page.goto(linkIn(await smtp.nextMail(newEmail, { subject: "confirm your email address" })).href);
  await expect(page.getByRole("heading", { name: "Email address confirmed" })).toBeVisible();
  await page.goto(`${server.url}/account`);
  await expect(page.getByText(newEmail)).toBeVisible();
});

test("the development outbox is not found in production, with mail or without", async () => {
  const suiteUrl = `http://localhost:${basePort}`;
  for (const base of [server.url, suiteUrl]) expect((await fetch(`${base}/dev/mail`)).status).toBe(404);
});

test.describe("EMAIL_VERIFICATION=required", () => {
  let strict: ProductionServer;
  test.beforeAll(async () => {
    test.setTimeout(90_000);
    strict = await startProductionServer(basePort + 6, { SMTP_URL: smtp.url, EMAIL_VERIFICATION: "required" });
  });
  test.afterAll(async () => {
    await strict?.stop();
  });

  for (const colorScheme of ["light", "dark"] as const) {
    test(`an unconfirmed account sees what to do instead of its tasks, until the link is followed (${colorScheme})`, async ({ browser }) => {
      const context = await browser.newContext({ colorScheme });
      const page = await context.newPage();
      const email = await signUp(page, strict.url, "Confirm your email address");
      await expect(page.getByText(`We sent a link to ${email}`)).toBeVisible();
      await expectAccessible(page);
      await page.goto(linkIn(await smtp.nextMail(email, { subject: "confirm your email address" })).href);
      await page.getByRole("link", { name: "Go to your tasks" }).click();
      await expect(page.getByRole("heading", { name: "Tasks" })).toBeVisible();
      await context.close();
    });
  }
});
