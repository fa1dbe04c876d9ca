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

/** Typed into the new-task field as a user would: quick add sets the dates, labels, priorities and repeats. */
const QUICK_ADDS = [
  "Book flights to Lisbon in 3 days !medium #travel",
  "Send the quarterly report tomorrow 10am !high #work",
  "Renew passport",
  "Water the plants every 3 days after done #home",
  "Buy oat milk",
  "Call mom",
];

async function add(page: Page, text: string) {
  await page.locator(".new-todo").fill(text);
  await page.locator(".new-todo").press("Enter");
  await page.waitForFunction(() => document.querySelector<HTMLInputElement>(".new-todo")?.value === "");
}

async function fillTasks(page: Page) {
  for (const text of QUICK_ADDS) await add(page, text);
  const row = (title: string) => page.getByTestId("task-item").filter({ hasText: title });
  await row("Buy oat milk").locator(".toggle").check();

  // An overdue day and notes, from the details.
  await row("Renew passport").getByRole("button", { name: /Edit details/ }).click();
  await row("Renew passport").getByLabel("Due").fill(day(-2));
  await row("Renew passport").getByRole("button", { name: "Save" }).click();
  await row("Send the quarterly report").getByRole("button", { name: /Edit details/ }).click();
  await row("Send the quarterly report").getByLabel("Notes").fill("Numbers from finance, then review with Sam");
  await row("Send the quarterly report").getByRole("button", { name: "Save" }).click();

  // A checklist: "1/3" on the row.
  const flights = row("Book flights to Lisbon");
  await flights.getByRole("button", { name: /Edit details/ }).click();
  const subtask = flights.getByPlaceholder("Add a subtask");
  for (const item of ["Compare fares", "Pick seats", "Add to calendar"]) {
    await subtask.fill(item);
    await subtask.press("Enter");
    await flights.getByRole("checkbox", { name: `Mark "${item}" as done` }).waitFor();
  }
  await flights.getByRole("checkbox", { name: 'Mark "Compare fares" as done' }).click();
  await flights.getByRole("checkbox", { name: 'Mark "Compare fares" as not done' }).waitFor();
  await flights.getByRole("button", { name: "Cancel" }).click();
  await page.locator(".todoapp[aria-busy='true']").waitFor({ state: "detached" }).catch(() => {});
}

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
  args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking"],
});
const DESKTOP = { width: 1280, height: 800 };
const PHONE = { width: 360, height: 740 };
for (const colorScheme of ["light", "dark"] as const) {
  const context = await browser.newContext({ colorScheme, viewport: DESKTOP, deviceScaleFactor: 1 });
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

  // A task's details: a panel over the page, the rows stay where they are.
  const report = page.getByTestId("task-item").filter({ hasText: "Send the quarterly report" });
  await report.getByRole("button", { name: /Edit details/ }).click();
  await page.getByRole("dialog").getByPlaceholder("Add a subtask").waitFor();
  await page.screenshot({ path: `${out}/details-${colorScheme}.png` });
  await page.keyboard.press("Escape");

  // A list's actions, then the confirmation of its deletion.
  const sidebar = page.getByRole("navigation", { name: "Lists" });
  await sidebar.getByRole("button", { name: "Actions for the list Work" }).click();
  await sidebar.getByRole("button", { name: "Delete Work" }).waitFor();
  await page.screenshot({ path: `${out}/list-menu-${colorScheme}.png`, clip: { x: 0, y: 0, width: 640, height: 400 } });
  await sidebar.getByRole("button", { name: "Delete Work" }).click();
  await page.getByRole("alertdialog").waitFor();
  await page.screenshot({ path: `${out}/delete-list-${colorScheme}.png` });
  await page.getByRole("alertdialog").getByRole("button", { name: "Cancel" }).click();

  // Quick add as it reads a text, before Enter.
  await page.locator(".new-todo").fill("Call the plumber tomorrow 9am #home !high ^Work");
  await page.getByTestId("quick-add-chips").getByRole("listitem").nth(3).waitFor();
  await page.screenshot({ path: `${out}/quick-add-${colorScheme}.png`, clip: { x: 0, y: 0, width: DESKTOP.width, height: 440 } });
  await page.locator(".new-todo").fill("");

  // The same user on a phone: a touch screen, 360 px wide.
  const phone = await browser.newContext({ colorScheme, viewport: PHONE, deviceScaleFactor: 1, hasTouch: true, isMobile: true, storageState: await context.storageState() });
  const phonePage = await phone.newPage();
  await phonePage.goto(baseUrl);
  await phonePage.locator(".new-todo:enabled").waitFor();
  await phonePage.getByText("Due today").first().waitFor();
  await phonePage.screenshot({ path: `${out}/tasks-phone-${colorScheme}.png` });
  await phonePage.getByRole("button", { name: "Lists and labels" }).click();
  await phonePage.getByRole("navigation", { name: "Lists" }).waitFor();
  await phonePage.screenshot({ path: `${out}/sidebar-phone-${colorScheme}.png` });
  await phonePage.getByRole("button", { name: "Hide lists" }).click();
  await phonePage.getByTestId("task-item").filter({ hasText: "Send the quarterly report" }).getByRole("button", { name: /Edit details/ }).click();
  await phonePage.getByRole("dialog").getByPlaceholder("Add a subtask").waitFor();
  await phonePage.screenshot({ path: `${out}/details-phone-${colorScheme}.png` });
  await phone.close();

  await page.goto(`${baseUrl}/account`);
  await page.getByText("This device").waitFor();
  await page.screenshot({ path: `${out}/account-${colorScheme}.png`, fullPage: true });
  await context.close();
}
await browser.close();
console.log(`Screenshots written to ${out}/`);
