/** Quick add: the new-task field reads a date and time, #labels, !priority, a repeat and ^list, shown as chips that can be dismissed. */
import type { Page } from "@playwright/test";
import { expect, expectAccessible, item, reload, settled, test } from "./fixtures";

const field = (page: Page) => page.getByRole("textbox", { name: "New task" });
const chips = (page: Page) => page.getByRole("list", { name: "Recognised in the new task" }).getByRole("listitem");

async function makeLabel(page: Page, name: string) {
  const labels = page.getByRole("navigation", { name: "Labels" });
  await labels.getByRole("textbox", { name: "New label" }).fill(name);
  await labels.getByRole("textbox", { name: "New label" }).press("Enter");
  await expect(labels.getByRole("link", { name: new RegExp(`#${name}`) })).toBeVisible();
}

test("quick add reads each part into the task, shows it as a chip while typing, and a plain title stays plain", async ({ signedIn: page }) => {
  await makeLabel(page, "family");
  const lists = page.getByRole("navigation", { name: "Lists" });
  await lists.getByLabel("New list").fill("Errands");
  await lists.getByLabel("New list").press("Enter");
  await expect(lists.getByRole("link", { name: /^Errands/ })).toHaveAttribute("aria-current", "page");
  const everyList = lists.getByRole("link", { name: "Every list" });
  await everyList.click();
  await expect(everyList).toHaveAttribute("aria-current", "page");

  // A plain title: no chips, added as typed.
  await field(page).fill("Buy milk");
  await expect(page.getByTestId("quick-add-chips")).toHaveCount(0);
  await field(page).press("Enter");
  await expect(item(page, "Buy milk")).toBeVisible();

  // The example: a day and time, a known label, a priority and a repeat.
  await field(page).fill("Call mom tomorrow 5pm #family !high every friday");
  await expect(chips(page)).toHaveText([/^Due .+, 5:00\sPM/, /^#family/, /^High priority/, /^Repeats every friday/]);
  await expectAccessible(page);
  await field(page).press("Enter");
  await expect(field(page)).toHaveValue("");
  const call = item(page, "Call mom");
  await expect(call).toContainText("high priority");
  await expect(call.getByTestId("task-label")).toHaveText(["#family"]);
  await expect(call.getByTestId("task-repeat")).toContainText("every week on Friday");
  const tomorrowAtFive = await page.evaluate(() => {
    const day = new Date();
    day.setDate(day.getDate() + 1);
    day.setHours(17, 0, 0, 0);
    return day.toISOString();
  });
  await expect(call.locator("time")).toHaveAttribute("datetime", tomorrowAtFive);

  // A list by name, and a new label, made on the way.
  await field(page).fill("Buy stamps ^errands #post");
  await expect(chips(page)).toHaveText([/^In Errands/, /^#post \(new label\)/]);
  await field(page).press("Enter");
  const stamps = item(page, "Buy stamps");
  await expect(stamps.getByTestId("task-label")).toHaveText(["#post"]);
  await expect(page.getByRole("navigation", { name: "Labels" }).getByRole("link", { name: /#post/ })).toBeVisible();

  // Dismissed: the words stay in the title; the rest still counts.
  await field(page).fill("Watch Tomorrow Never Dies !2");
  await expect(chips(page)).toHaveText([/^Due /, /^Medium priority/]);
  await page.getByRole("button", { name: "Keep “Tomorrow” in the title" }).click();
  await expect(chips(page)).toHaveText([/^Medium priority/]);
  await expect(field(page)).toBeFocused();
  await field(page).press("Enter");
  const film = item(page, "Watch Tomorrow Never Dies");
  await expect(film).toContainText("medium priority");
  await expect(film.locator("time")).toHaveCount(0);

  // Every 3 days after done, on today.
  await field(page).fill("Water the plants every 3 days after done");
  await expect(chips(page)).toHaveText([/^Repeats every 3 days after done/]);
  await field(page).press("Enter");
  await expect(item(page, "Water the plants").getByTestId("task-repeat")).toContainText("every 3 days");

  await settled(page);
  await reload(page);
  await expect(item(page, "Call mom").getByTestId("task-label")).toHaveText(["#family"]);
  await lists.getByRole("link", { name: /^Errands/ }).click();
  await expect(page.locator(".todo-list li .view label")).toHaveText(["Buy stamps"]);
});

test("a quick-add text with nothing left for a title is the title; a new label offline keeps the text", async ({ signedIn: page, context }) => {
  await field(page).fill("Tomorrow");
  await expect(page.getByTestId("quick-add-chips")).toHaveCount(0);
  await field(page).press("Enter");
  await expect(item(page, "Tomorrow")).toBeVisible();
  await expect(item(page, "Tomorrow").locator("time")).toHaveCount(0);
  await settled(page);

  await context.setOffline(true);
  await field(page).fill("Fix the bike #garage");
  await expect(chips(page)).toHaveText([/^#garage \(new label\)/]);
  await field(page).press("Enter");
  await expect(page.getByText("A new label needs the network")).toBeVisible();
  await expect(field(page)).toHaveValue("Fix the bike #garage");
  // Without the new label it is added offline, as any task.
  await page.getByRole("button", { name: "Keep “#garage” in the title" }).click();
  await field(page).press("Enter");
  await expect(item(page, "Fix the bike #garage")).toBeVisible();
  await context.setOffline(false);
});

test("tasks are made in the order they were typed, even when the first waits for its new label", async ({ signedIn: page }) => {
  const field = page.locator(".new-todo");
  // The first makes a label first (a request of its own); the plain ones typed right after must not overtake it.
  await field.fill("Pack the tent #camping");
  await field.press("Enter");
  for (const title of ["Buy matches", "Check the weather"]) {
    await field.fill(title);
    await field.press("Enter");
  }
  const titles = page.locator(".todo-list li .view label");
  await expect(titles).toHaveText(["Pack the tent", "Buy matches", "Check the weather"]);
  await reload(page);
  await expect(titles).toHaveText(["Pack the tent", "Buy matches", "Check the weather"]);
  await expect(item(page, "Pack the tent").getByTestId("task-label")).toHaveText(["#camping"]);
});
