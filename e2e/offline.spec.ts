/** Offline in the open tab: changes wait in order, survive a closed tab, and are sent when the network is back (docs/sync.md). */
import { randomUUID } from "node:crypto";
import { expect, type Page } from "@playwright/test";
import { addTask, item, liveSyncStarted, PASSWORD, reload, settled, test } from "./fixtures";

const titles = (page: Page) => page.locator(".todo-list li .view label");
const status = (page: Page) => page.getByRole("status").filter({ hasText: /Offline|Reconnecting/ });

async function signUpAs(page: Page, email: string) {
  await page.goto("/sign-up");
  await page.getByLabel("Name").fill("Offline User");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(PASSWORD);
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page.getByRole("heading", { name: "Tasks" })).toBeVisible();
}

test("changes made offline are counted, kept in order and sent when the network is back", async ({ signedIn: page, context }) => {
  await addTask(page, "Buy milk");
  await settled(page);
  await liveSyncStarted(page); // and the offline queue before it

  await context.setOffline(true);
  await expect(status(page)).toHaveText("Offline");
  await item(page, "Buy milk").locator(".toggle").check();
  await addTask(page, "Made offline");
  // A change to a task the server has not created yet waits behind its creation.
  await item(page, "Made offline").locator(".toggle").check();
  await expect(status(page)).toHaveText("Offline: 3 changes waiting");

  await context.setOffline(false);
  await expect(status(page)).toHaveCount(0, { timeout: 10_000 });
  await reload(page);
  await expect(titles(page)).toHaveText(["Buy milk", "Made offline"]);
  await expect(item(page, "Buy milk").locator(".toggle")).toBeChecked();
  await expect(item(page, "Made offline").locator(".toggle")).toBeChecked();
});

test("a change whose request the network drops is sent again, not lost (the browser may learn it is offline only after)", async ({ signedIn: page }) => {
  let creates = 0;
  await page.route("**/api/trpc/task.create**", async (route) => {
    creates += 1;
    if (creates === 1) return route.abort("internetdisconnected");
    return route.continue();
  });
  await addTask(page, "Sent twice, saved once");
  await settled(page);
  expect(creates).toBe(2);
  await expect(page.locator("[data-sonner-toast]")).toHaveCount(0); // no refusal shown
  await reload(page);
  await expect(titles(page)).toHaveText(["Sent twice, saved once"]);
});

test("closing the tab while offline loses nothing: the next visit sends the waiting changes", async ({ page, context }) => {
  const email = `offline-${randomUUID()}@example.com`;
  await signUpAs(page, email);
  await addTask(page, "Written before the tunnel");
  await settled(page);
  await liveSyncStarted(page);

  await context.setOffline(true);
  await addTask(page, "Written in the tunnel");
  await item(page, "Written before the tunnel").locator(".toggle").check();
  await expect(status(page)).toHaveText("Offline: 2 changes waiting");
  // Saved for the next visit, so closing does not ask (a question would keep the page open).
  const next = await context.newPage();
  await page.close({ runBeforeUnload: true });
  await expect.poll(() => page.isClosed()).toBe(true);

  await context.setOffline(false);
  await next.goto("/");
  await expect(item(next, "Written in the tunnel")).toBeVisible({ timeout: 10_000 });
  await expect(item(next, "Written before the tunnel").locator(".toggle")).toBeChecked();
  await reload(next);
  await expect(titles(next)).toHaveText(["Written before the tunnel", "Written in the tunnel"]);
  // Sent once: a second visit sends nothing again.
  const another = await context.newPage();
  await another.goto("/");
  await expect(titles(another)).toHaveText(["Written before the tunnel", "Written in the tunnel"]);
});

test("closing the tab between tries of a dropped request loses nothing, and does not ask", async ({ signedIn: page, context }) => {
  await liveSyncStarted(page); // and the offline queue before it
  // The network drops every try, and the browser never learns it is offline: the change waits between tries.
  let creates = 0;
  await page.route("**/api/trpc/task.create**", async (route) => {
    creates += 1;
    await route.abort("internetdisconnected");
  });
  await addTask(page, "Dropped on the way");
  await expect.poll(() => creates).toBeGreaterThanOrEqual(2);
  const next = await context.newPage();
  await page.close({ runBeforeUnload: true });
  await expect.poll(() => page.isClosed()).toBe(true);

  await next.goto("/");
  await expect(item(next, "Dropped on the way")).toBeVisible({ timeout: 10_000 });
  await reload(next);
  await expect(titles(next)).toHaveText(["Dropped on the way"]);
});

test("changes refused once the network is back (deleted elsewhere) are reported once, not as a row of toasts", async ({ page, browser, context }) => {
  const email = `refused-${randomUUID()}@example.com`;
  await signUpAs(page, email);
  await addTask(page, "Doomed");
  await addTask(page, "Survivor");
  await settled(page);
  await liveSyncStarted(page);

  await context.setOffline(true);
  await item(page, "Doomed").locator(".toggle").check();
  await item(page, "Doomed").locator(".toggle").uncheck();
  await item(page, "Survivor").locator(".toggle").check();
  await expect(status(page)).toHaveText("Offline: 3 changes waiting");

  // Meanwhile, another device deletes the task.
  const phone = await browser.newContext();
  const phonePage = await phone.newPage();
  await phonePage.goto("/sign-in");
  await phonePage.getByLabel("Email").fill(email);
  await phonePage.getByLabel("Password").fill(PASSWORD);
  await phonePage.getByRole("button", { name: "Sign in" }).click();
  await item(phonePage, "Doomed").hover();
  await item(phonePage, "Doomed").locator(".destroy").click();
  await expect(item(phonePage, "Doomed")).toHaveCount(0);
  await settled(phonePage);
  await phone.close();

  await context.setOffline(false);
  const report = page.getByText(/^2 changes made offline were not saved: /);
  await expect(report).toBeVisible({ timeout: 10_000 });
  await expect(page.getByText(/not saved/)).toHaveCount(1);
  await expect(item(page, "Doomed")).toHaveCount(0);
  await expect(item(page, "Survivor").locator(".toggle")).toBeChecked();
});
