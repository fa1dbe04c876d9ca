/** Task lists in the browser: the sidebar, the list in the URL, moving tasks, renaming and deleting lists. */
import type { Page } from "@playwright/test";
import { addTask, expect, item, reload, rowAction, settled, test } from "./fixtures";

const sidebar = (page: Page) => page.getByRole("navigation", { name: "Lists" });

/** Opens a view from the sidebar and waits until the page shows it (new tasks go into the list on screen). */
async function open(page: Page, name: RegExp | string) {
  const link = sidebar(page).getByRole("link", { name });
  await link.click();
  await expect(link).toHaveAttribute("aria-current", "page");
}
const titles = (page: Page) => page.locator(".todo-list li .view label");

async function createList(page: Page, name: string) {
  await sidebar(page).getByLabel("New list").fill(name);
  await sidebar(page).getByLabel("New list").press("Enter");
  // A new list opens at once.
  await expect(sidebar(page).getByRole("link", { name: new RegExp(`^${name}`) })).toHaveAttribute("aria-current", "page");
}

test("a new list opens in the URL; tasks added there belong to it, with counts in the sidebar", async ({ signedIn: page }) => {
  await addTask(page, "In the inbox");
  await createList(page, "Work");
  await expect(page).toHaveURL(/[?&]list=[\w-]+/);
  await expect(page.getByText("Nothing in this list yet.")).toBeVisible();
  await addTask(page, "Write report");
  await addTask(page, "Send invoice");
  await settled(page);
  await expect(titles(page)).toHaveText(["Write report", "Send invoice"]);
  await expect(sidebar(page).getByRole("link", { name: /^Work/ })).toContainText("2");
  await expect(page.locator(".todo-count")).toContainText("2 items left");

  await reload(page); // the list is in the URL
  await expect(titles(page)).toHaveText(["Write report", "Send invoice"]);

  await open(page, /^Inbox/);
  await expect(titles(page)).toHaveText(["In the inbox"]);
  await expect(page.locator(".todo-count")).toContainText("1 item left");
  await open(page, "Every list");
  await expect(titles(page)).toHaveText(["In the inbox", "Write report", "Send invoice"]);
});

test("a task moves to another list from its details", async ({ signedIn: page }) => {
  await createList(page, "Home");
  await open(page, /^Inbox/);
  await addTask(page, "Fix the tap");
  const row = item(page, "Fix the tap");
  await row.getByRole("button", { name: /Edit details/ }).click();
  await row.getByLabel("List").selectOption({ label: "Home" });
  await row.getByRole("button", { name: "Save" }).click();
  await settled(page);
  await expect(item(page, "Fix the tap")).toHaveCount(0); // it left the Inbox
  await open(page, /^Home/);
  await expect(titles(page)).toHaveText(["Fix the tap"]);
  await expect(sidebar(page).getByRole("link", { name: /^Home/ })).toContainText("1");
});

test("lists are renamed in place and deleted with or without their tasks", async ({ signedIn: page }) => {
  await createList(page, "Errands");
  await addTask(page, "Buy stamps");
  await settled(page);

  await rowAction(sidebar(page), "Actions for the list Errands", "Rename Errands");
  await sidebar(page).getByLabel("New name for Errands").fill("Shopping");
  await sidebar(page).getByLabel("New name for Errands").press("Enter");
  await expect(sidebar(page).getByRole("link", { name: /^Shopping/ })).toBeVisible();

  // A taken name is refused with a message, and nothing changes.
  await createList(page, "Garden");
  await sidebar(page).getByLabel("New list").fill("shopping");
  await sidebar(page).getByLabel("New list").press("Enter");
  await expect(page.getByText('You already have a list called "shopping"')).toBeVisible();
  await expect(sidebar(page).getByTestId("list-item")).toHaveCount(2);

  // Deleting a list keeps its tasks in the Inbox unless asked otherwise.
  await rowAction(sidebar(page), "Actions for the list Shopping", "Delete Shopping");
  await page.getByRole("button", { name: "Keep its tasks in the Inbox" }).click();
  await expect(sidebar(page).getByRole("link", { name: /^Shopping/ })).toHaveCount(0);
  await open(page, /^Inbox/);
  await expect(titles(page)).toHaveText(["Buy stamps"]);

  await open(page, /^Garden/);
  await addTask(page, "Plant tulips");
  await settled(page);
  await rowAction(sidebar(page), "Actions for the list Garden", "Delete Garden");
  // The dialog follows the counts as they arrive: it offers to delete the task once it knows of it.
  await page.getByRole("button", { name: "Delete its tasks too" }).click();
  await expect(page).not.toHaveURL(/list=/); // the deleted list was on screen: back to every task
  await expect(titles(page)).toHaveText(["Buy stamps"]);
});

test("deleting a list with its tasks offers Undo, which brings the list and its tasks back", async ({ signedIn: page }) => {
  await createList(page, "Holiday");
  await addTask(page, "Book flights");
  await addTask(page, "Pack");
  await settled(page);
  await rowAction(sidebar(page), "Actions for the list Holiday", "Delete Holiday");
  await page.getByRole("button", { name: "Delete its tasks too" }).click();
  await expect(page.getByText(/Deleted the list \W*Holiday\W* and its 2 tasks/)).toBeVisible();
  await expect(sidebar(page).getByRole("link", { name: /^Holiday/ })).toHaveCount(0);
  await page.getByRole("button", { name: "Undo" }).click();
  await expect(sidebar(page).getByRole("link", { name: /^Holiday/ })).toHaveAttribute("aria-current", "page");
  await expect(titles(page)).toHaveText(["Book flights", "Pack"]);
  await reload(page);
  await expect(titles(page)).toHaveText(["Book flights", "Pack"]);
});
