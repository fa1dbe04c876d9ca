/** The account page: name, password, sessions and deletion. */
import { addTask, expect, PASSWORD, signUp, test } from "./fixtures";
import type { Page } from "@playwright/test";

async function openAccount(page: Page) {
  await page.locator(`a[href="/account"]`).click();
  await expect(page.getByRole("heading", { name: "Account", exact: true })).toBeVisible();
}

async function signIn(page: Page, email: string, password: string) {
  await page.goto("/sign-in");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
}

test("shows name and email, and changes the name", async ({ page }) => {
  const { email } = await signUp(page, "Ada");
  await openAccount(page);
  await expect(page.getByText(email)).toBeVisible();
  await page.getByLabel("Name").fill("Ada Lovelace");
  await page.getByRole("button", { name: "Save name" }).click();
  await expect(page.getByText("Name saved")).toBeVisible();
  await page.getByRole("link", { name: "Back to tasks" }).click();
  await expect(page.locator(`a[href="/account"]`)).toHaveText("Ada Lovelace");
});

test("changes the password, signing out the other sessions; lists and revokes sessions", async ({ page, browser }) => {
  const { email } = await signUp(page);
  const elsewhere = await browser.newContext();
  try {
    const other = await elsewhere.newPage();
    await signIn(other, email, PASSWORD);
    await expect(other.getByRole("heading", { name: "Tasks" })).toBeVisible();

    // Sessions signed in after this page's own: this device still comes first.
    const again = await other.request.post("/api/auth/sign-in/email", { data: { email, password: PASSWORD }, headers: { origin: new URL(other.url()).origin } });
    expect(again.status()).toBe(200);
    await openAccount(page);
    await expect(page.getByRole("list", { name: "Active sessions" }).getByRole("listitem")).toHaveCount(3);
    await expect(page.getByRole("list", { name: "Active sessions" }).getByRole("listitem").first()).toContainText("This device");
    await expect(page.getByRole("list", { name: "Active sessions" }).getByRole("listitem").first()).toContainText("Chrome on Linux");

    await page.getByLabel("Current password").fill("not my password at all");
    await page.getByLabel("New password").fill("short");
    await page.getByRole("button", { name: "Change password" }).click();
    await expect(page.getByText("Use at least 12 characters.")).toBeVisible();
    await page.getByLabel("New password").fill("an entirely new passphrase");
    await page.getByRole("button", { name: "Change password" }).click();
    await expect(page.getByRole("region", { name: "Password" }).getByRole("alert")).toContainText(/invalid password/i);

    await page.getByLabel("Current password").fill(PASSWORD);
    await page.getByRole("button", { name: "Change password" }).click();
    // Said beside the button, where no toast covers the Sessions card.
    await expect(page.getByRole("region", { name: "Password" }).getByRole("status")).toHaveText("Password changed; other sessions signed out.");
    await expect(page.getByRole("list", { name: "Active sessions" }).getByRole("listitem")).toHaveCount(1);

    // The other browser's sessions are gone.
    await other.goto("/");
    await expect(other).toHaveURL(/\/sign-in$/);
    await signIn(other, email, "an entirely new passphrase");
    await expect(other.getByRole("heading", { name: "Tasks" })).toBeVisible();

    // And it can be signed out from here.
    await page.reload();
    const sessions = page.getByRole("list", { name: "Active sessions" }).getByRole("listitem");
    await expect(sessions).toHaveCount(2);
    await sessions.getByRole("button", { name: "Sign out" }).click();
    await expect(sessions).toHaveCount(1);
    await other.goto("/");
    await expect(other).toHaveURL(/\/sign-in$/);
  } finally {
    await elsewhere.close();
  }
});

test("deleting the account checks the password first, then asks in the page, and takes the tasks with it", async ({ page }) => {
  const { email } = await signUp(page);
  await addTask(page, "Goes with the account");
  await openAccount(page);
  const danger = page.getByRole("region", { name: "Delete account" });
  await danger.getByRole("button", { name: "Delete account" }).click();
  await expect(danger.getByText("Enter your password to delete your account.")).toBeVisible();

  // No native confirm() anywhere: a wrong password is said before any "are you sure?".
  page.on("dialog", () => {
    throw new Error("a native dialog opened");
  });
  await danger.getByLabel("Password").fill("wrong password here");
  await danger.getByRole("button", { name: "Delete account" }).click();
  await expect(danger.getByText(/invalid password/i)).toBeVisible();
  await expect(danger.getByRole("alertdialog")).toHaveCount(0);
  // The stale message goes as soon as the field changes.
  await danger.getByLabel("Password").fill(PASSWORD);
  await expect(danger.getByText(/invalid password/i)).toHaveCount(0);

  await danger.getByRole("button", { name: "Delete account" }).click();
  const confirm = danger.getByRole("alertdialog");
  await expect(confirm).toContainText("Delete your account and all your tasks for good?");
  await confirm.getByRole("button", { name: "Keep my account" }).click();
  await expect(confirm).toHaveCount(0);
  await danger.getByRole("button", { name: "Delete account" }).click();
  await danger.getByRole("alertdialog").getByRole("button", { name: "Yes, delete everything" }).click();
  await expect(page).toHaveURL(/\/sign-up$/);
  await signIn(page, email, PASSWORD);
  await expect(page.locator("form").getByRole("alert")).toContainText(/invalid email or password/i);
});
