import { randomUUID } from "node:crypto";
import AxeBuilder from "@axe-core/playwright";
import { test as base, expect, type Locator, type Page } from "@playwright/test";

export const PASSWORD = "correct horse battery staple";

/** Signs up a fresh user through the form and waits for the task page. */
export async function signUp(page: Page, name = "Test User") {
  const email = `e2e-${randomUUID()}@example.com`;
  await page.goto("/sign-up");
  await page.getByLabel("Name").fill(name);
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(PASSWORD);
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page.getByRole("heading", { name: "Tasks" })).toBeVisible();
  return { email };
}

/** Runs axe on the page as it is now: no serious or critical violations. */
export async function expectAccessible(page: Page) {
  const { violations } = await new AxeBuilder({ page }).analyze();
  const serious = violations.filter((v) => v.impact === "serious" || v.impact === "critical");
  expect(serious.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(" ")).join(", ")})`)).toEqual([]);
}

/** Types a title into the new-task field and presses Enter; waits until the task is listed. */
export async function addTask(page: Page, title: string) {
  const input = page.locator(".new-todo");
  await input.fill(title);
  await input.press("Enter");
  await expect(item(page, title.trim())).toBeVisible();
}

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/** The list row of the task titled exactly `title`. */
export const item = (page: Page, title: string) =>
  page.getByTestId("task-item").filter({ has: page.locator(".view label", { hasText: new RegExp(`^${escapeRegExp(title)}$`) }) });

/** Waits until no change is on its way to the server (changes show before they are saved). */
export async function settled(page: Page) {
  await expect(page.locator(".todoapp[aria-busy='true']")).toHaveCount(0);
}

/**
 * Waits until the page's live sync is up (`data-live-sync="live"`: this tab's stream is open, or the
 * browser's other tab holding it has told this one it is): from then on, changes elsewhere reach it.
 * It starts a moment after the page is interactive, after the offline queue.
 */
export async function liveSyncStarted(page: Page) {
  await expect(page.locator(".todoapp[data-live-sync='live']")).toHaveCount(1, { timeout: 15_000 });
}

/** Reloads once every change has been saved. */
export async function reload(page: Page) {
  await settled(page);
  await page.reload();
}

/** A sidebar row's action: opens the row's "⋯" menu (`Actions for …`), then picks the action by its name. */
export async function rowAction(scope: Locator, menu: string, action: string) {
  await scope.getByRole("button", { name: menu, exact: true }).click();
  await scope.getByRole("button", { name: action, exact: true }).click();
}

/** Tests that start signed in as a fresh user, on the task page. */
export const test = base.extend<{ signedIn: Page }>({
  signedIn: async ({ page }, provide) => {
    await signUp(page);
    await provide(page);
  },
});

export { expect };
