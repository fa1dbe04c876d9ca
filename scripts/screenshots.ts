/**
 * `npm run screenshots`: pictures of the main pages, light and dark, into docs/screenshots/.
 * Needs a running app on a fresh database (BASE_URL, default http://localhost:3000), e.g.
 * `DATABASE_URL=/tmp/shots.db npm start`. Uses Debian's Chromium (CHROMIUM_PATH to override).
 */
import { mkdirSync } from "node:fs";
import { chromium, type Page } from "@playwright/test";

const baseUrl = process.env.BASE_URL ?? "http://localhost:3000";
const out = "docs/screenshots";
mkdirSync(out, { recursive: true });

const pad = (n: number) => String(n).padStart(2, "0");
const day = (offset: number) => {
  const d = new Date();
  d.setDate(d.getDate() + offset);
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
};

/** Two lists with a task each, from the sidebar; then back to every task. */
async function fillLists(page: Page) {
  const sidebar = page.getByRole("navigation", { name: "Lists" });
  for (const [name, task] of [["Work", "Prepare the offsite agenda"], ["Travel", "Pack the camera"]]) {
    await sidebar.getByLabel("New list").fill(name!);
    await sidebar.getByLabel("New list").press("Enter");
    await page.getByText("Nothing in this list yet.").waitFor();
    await page.locator(".new-todo").fill(task!);
    await page.locator(".new-todo").press("Enter");
    await page.getByTestId("task-item").filter({ hasText: task }).waitFor();
  }
  await sidebar.getByRole("link", { name: "Every list" }).click();
  await page.waitForURL((url) => !url.search.includes("list="));
}

async function fillTasks(page: Page) {
  const tasks: [string, { due?: string; priority?: string; notes?: string; done?: boolean }][] = [
    ["Book flights to Lisbon", { due: day(3), priority: "medium" }],
    ["Send the quarterly report", { due: day(0), priority: "high", notes: "Numbers from finance, then review with Sam" }],
    ["Renew passport", { due: day(-2) }],
    ["Buy oat milk", { done: true }],
    ["Call mom", {}],
  ];
  for (const [title] of tasks) {
    await page.locator(".new-todo").fill(title);
    await page.locator(".new-todo").press("Enter");
    await page.getByTestId("task-item").filter({ hasText: title }).waitFor();
  }
  for (const [title, details] of tasks) {
    const row = page.getByTestId("task-item").filter({ hasText: title });
    if (details.done) await row.locator(".toggle").check();
    if (!details.due && !details.priority && !details.notes) continue;
    await row.getByRole("button", { name: /Edit details/ }).click();
    if (details.notes) await row.getByLabel("Notes").fill(details.notes);
    if (details.due) await row.getByLabel("Due").fill(details.due);
    if (details.priority) await row.getByLabel("Priority").selectOption(details.priority);
    await row.getByRole("button", { name: "Save" }).click();
  }
  await page.locator(".todoapp[aria-busy='true']").waitFor({ state: "detached" }).catch(() => {});
}

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
  args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking"],
});
for (const colorScheme of ["light", "dark"] as const) {
  const context = await browser.newContext({ colorScheme, viewport: { width: 960, height: 720 }, deviceScaleFactor: 1 });
  const page = await context.newPage();
  await page.goto(`${baseUrl}/sign-in`);
  await page.getByRole("button", { name: "Sign in" }).waitFor();
  await page.screenshot({ path: `${out}/sign-in-${colorScheme}.png` });

  await page.goto(`${baseUrl}/sign-up`);
  await page.getByLabel("Name").fill("Ada Lovelace");
  await page.getByLabel("Email").fill(`ada-${colorScheme}-${Date.now()}@example.com`);
  await page.getByLabel("Password").fill("correct horse battery staple");
  await page.getByRole("button", { name: "Create account" }).click();
  await page.locator(".new-todo:enabled").waitFor();
  await fillTasks(page);
  await fillLists(page);
  await page.reload();
  // Due days are shown in the browser's time zone, once React has hydrated.
  await page.locator(".new-todo:enabled").waitFor();
  await page.getByText("Due today").first().waitFor();
  await page.screenshot({ path: `${out}/tasks-${colorScheme}.png` });

  await page.setViewportSize({ width: 360, height: 720 });
  await page.screenshot({ path: `${out}/tasks-phone-${colorScheme}.png` });
  await page.setViewportSize({ width: 960, height: 720 });

  await page.goto(`${baseUrl}/account`);
  await page.getByText("This device").waitFor();
  await page.screenshot({ path: `${out}/account-${colorScheme}.png`, fullPage: true });
  await context.close();
}
await browser.close();
console.log(`Screenshots written to ${out}/`);
