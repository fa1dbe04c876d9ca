/** Live sync in the browser: changes made elsewhere show without a reload (docs/sync.md). */
import { expect, type Browser, type Page } from "@playwright/test";
import { addTask, item, liveSyncStarted, PASSWORD, signUp, test } from "./fixtures";

async function signIn(page: Page, email: string) {
  await page.goto("/sign-in");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("heading", { name: "Tasks" })).toBeVisible();
}

/** A second device: its own browser context, signed in as the same user. */
async function secondDevice(browser: Browser, email: string) {
  const context = await browser.newContext();
  const page = await context.newPage();
  await signIn(page, email);
  return { page, close: () => context.close() };
}

/** Waits until the page's live stream is open (its `sync.changes` request has been answered). */
const streamOpen = (page: Page) => page.waitForResponse((res) => res.url().includes("/api/trpc/sync.changes") && res.status() === 200, { timeout: 15_000 });

test("a change on one device shows on another at once, without a reload: rows and counts", async ({ page, browser }) => {
  const { email } = await signUp(page, "Live User");
  const opened = streamOpen(page);
  await addTask(page, "Made on the laptop");

  const phone = await secondDevice(browser, email);
  try {
    await streamOpen(phone.page);
    await opened;
    await addTask(phone.page, "Made on the phone");
    await expect(item(page, "Made on the phone")).toBeVisible({ timeout: 3_000 });
    await expect(page.locator(".todo-count")).toContainText("2 items left");
    await item(page, "Made on the laptop").locator(".toggle").check();
    await expect(item(phone.page, "Made on the laptop").locator(".toggle")).toBeChecked({ timeout: 3_000 });
    await expect(phone.page.locator(".todo-count")).toContainText("1 item left");
    await item(phone.page, "Made on the phone").locator(".destroy").click();
    await expect(item(page, "Made on the phone")).toHaveCount(0, { timeout: 3_000 });
  } finally {
    await phone.close();
  }
});

test("a change made while another device's page loads still shows there: its stream resumes from the page's data", async ({ page, browser }) => {
  const { email } = await signUp(page, "Loading User");
  await streamOpen(page);
  const phone = await secondDevice(browser, email);
  try {
    // The phone's page has its data, and its live sync starts only a second after hydration: this change
    // falls in between, and reaches it only if the stream resumes from the change the page was rendered at.
    await addTask(page, "Made while the phone loads");
    await expect(item(phone.page, "Made while the phone loads")).toBeVisible({ timeout: 5_000 });
    await expect(phone.page.locator(".todo-count")).toContainText("1 item left");
  } finally {
    await phone.close();
  }
});

test("a change made while another tab loads still shows there: the tab catches up when it joins the browser's stream", async ({ signedIn: page, context }) => {
  await liveSyncStarted(page); // this tab holds the browser's stream
  const other = await context.newPage();
  await other.goto("/");
  await expect(other.getByRole("heading", { name: "Tasks" })).toBeVisible();
  // The first tab holds the stream and passes this change on before the new tab listens (a second after hydration).
  await addTask(page, "Made while the tab loads");
  await expect(item(other, "Made while the tab loads")).toBeVisible({ timeout: 5_000 });
});

test("eight tabs share one stream and all hear a change", async ({ signedIn: page, context }) => {
  const streams: string[] = [];
  context.on("request", (req) => {
    if (req.url().includes("/api/trpc/sync.changes")) streams.push(req.url());
  });
  const tabs = [page];
  for (let i = 1; i < 8; i += 1) {
    const tab = await context.newPage();
    await tab.goto("/");
    await expect(tab.getByRole("heading", { name: "Tasks" })).toBeVisible();
    tabs.push(tab);
  }
  for (const tab of tabs) await liveSyncStarted(tab);
  await addTask(tabs[7]!, "Heard by every tab");
  for (const tab of tabs) await expect(item(tab, "Heard by every tab")).toBeVisible({ timeout: 5_000 });
  // One stream for the browser (it may have opened again if its leader tab changed), not one per tab.
  expect(streams.length).toBeLessThanOrEqual(2);
});

test("signing out in one tab sends the browser's other tabs to sign-in", async ({ signedIn: page, context }) => {
  const other = await context.newPage();
  await other.goto("/");
  await expect(other.getByRole("heading", { name: "Tasks" })).toBeVisible();
  await liveSyncStarted(other);
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/sign-in$/);
  await expect(other).toHaveURL(/\/sign-in$/, { timeout: 5_000 });
});

test("a session signed out from another device's account page sends that browser to sign-in", async ({ page, browser }) => {
  const { email } = await signUp(page, "Revoked User");
  await streamOpen(page);

  const phone = await secondDevice(browser, email);
  try {
    await phone.page.goto("/account");
    const sessions = phone.page.getByRole("list", { name: "Active sessions" });
    await expect(sessions.getByRole("listitem")).toHaveCount(2);
    await sessions.getByRole("button", { name: "Sign out" }).click();
    await expect(phone.page.getByText("Session signed out")).toBeVisible();
    // The laptop made no request: its stream ended, and it found its session gone.
    await expect(page).toHaveURL(/\/sign-in$/, { timeout: 10_000 });
    await phone.page.goto("/");
    await expect(phone.page.getByRole("heading", { name: "Tasks" })).toBeVisible();
  } finally {
    await phone.close();
  }
});
