/** The product's look where it carries meaning: where you are, which list a task is in, what a password takes. */
import type { Page } from "@playwright/test";
import { addTask, expect, item, rowAction, settled, test } from "./fixtures";

const heading = (page: Page) => page.getByRole("heading", { level: 1 });

test("the heading says where you are, with the open count; in every list's view a row says its list", async ({ signedIn: page }) => {
  await expect(heading(page)).toHaveText("All tasks0 open");
  await addTask(page, "Loose end");
  await expect(heading(page)).toHaveText("All tasks1 open");
  const lists = page.getByRole("navigation", { name: "Lists" });
  await lists.getByLabel("New list").fill("Garden");
  await lists.getByLabel("New list").press("Enter");
  await expect(heading(page)).toHaveText("Garden0 open");
  await addTask(page, "Plant tulips");
  await expect(heading(page)).toHaveText("Garden1 open");
  // A list's own view does not repeat its name on each row.
  await expect(item(page, "Plant tulips").getByTestId("task-list")).toHaveCount(0);

  await lists.getByRole("link", { name: /^Inbox/ }).click();
  await expect(heading(page)).toHaveText("Inbox1 open");
  await page.getByRole("link", { name: "Today" }).click();
  await expect(heading(page)).toHaveText(/^Today · Inbox/);
  await page.getByRole("link", { name: "Any date" }).click();
  await expect(heading(page)).toHaveText("Inbox1 open");

  await lists.getByRole("link", { name: "Every list" }).click();
  await expect(heading(page)).toHaveText("All tasks2 open");
  await expect(item(page, "Plant tulips").getByTestId("task-list")).toHaveText("In the list Garden");
  await expect(item(page, "Loose end").getByTestId("task-list")).toHaveCount(0); // the Inbox: nothing to say
});

test("sign-up names the app and says what a password takes before the first try, ticking it off while typing; its characters can be shown", async ({ page }) => {
  await page.goto("/sign-up");
  await expect(page.getByText("Tasks", { exact: true })).toBeVisible();
  const rules = page.getByTestId("password-rules");
  await expect(rules).toContainText("At least 12 characters (0 so far)");
  await expect(rules).toHaveAttribute("data-met", "false");
  const password = page.getByLabel("Password");
  await expect(password).toHaveAccessibleDescription(/At least 12 characters/);
  await password.fill("short");
  await expect(rules).toContainText("(5 so far)");
  await password.fill("long enough to pass");
  await expect(rules).toHaveAttribute("data-met", "true");
  await expect(password).toHaveAttribute("type", "password");
  await page.getByLabel("Show what I type").check();
  await expect(password).toHaveAttribute("type", "text");
  await expect(password).toHaveValue("long enough to pass");
});

test("a task's details open in a modal side panel: no row moves, the focus stays inside and comes back on Escape", async ({ signedIn: page }) => {
  await fillSomeTasks(page);
  const rows = page.getByTestId("task-item");
  const before = await rows.evaluateAll((els) => els.map((el) => Math.round(el.getBoundingClientRect().top)));
  await item(page, "Water the ferns").getByRole("button", { name: /Edit details/ }).click();
  const panel = page.getByRole("dialog", { name: 'Details of "Water the ferns"' });
  await expect(panel).toBeVisible();
  await expect(panel.getByLabel("Title")).toBeFocused();
  // Along the right edge, over the page: every row is where it was.
  const box = (await panel.boundingBox())!;
  expect(Math.round(box.x + box.width)).toBe(page.viewportSize()!.width);
  expect(await rows.evaluateAll((els) => els.map((el) => Math.round(el.getBoundingClientRect().top)))).toEqual(before);
  // Modal: Tab stays in the panel, and the page behind does not take clicks.
  for (let i = 0; i < 12; i += 1) await page.keyboard.press("Tab");
  expect(await page.evaluate(() => !!document.activeElement?.closest("dialog[open]"))).toBe(true);
  await page.keyboard.press("Escape");
  await expect(panel).toHaveCount(0);
  await expect(item(page, "Water the ferns").getByRole("button", { name: /Edit details/ })).toBeFocused();
});

test("a sidebar row's actions wait in a menu, used from the keyboard; deleting asks in a modal dialog", async ({ signedIn: page }) => {
  const lists = page.getByRole("navigation", { name: "Lists" });
  await lists.getByLabel("New list").fill("A list with a rather long name");
  await lists.getByLabel("New list").press("Enter");
  // The new list opens once the server has made it; a task typed before then goes to the view it was typed in.
  await expect(heading(page)).toHaveText(/^A list with a rather long name0 open/);
  await addTask(page, "In the long list");
  await settled(page);
  // The whole row is the link, its name uncut by buttons.
  const link = lists.getByRole("link", { name: /^A list with a rather long name/ });
  const row = lists.getByTestId("list-item");
  expect(Math.round((await link.boundingBox())!.width)).toBe(Math.round((await row.boundingBox())!.width));
  await expect(lists.getByRole("button", { name: "Rename A list with a rather long name" })).toBeHidden();

  const menu = lists.getByRole("button", { name: "Actions for the list A list with a rather long name" });
  await menu.focus();
  await page.keyboard.press("Enter");
  await expect(menu).toHaveAttribute("aria-expanded", "true");
  await expect(lists.getByRole("button", { name: "Rename A list with a rather long name" })).toBeFocused();
  await page.keyboard.press("ArrowDown");
  await expect(lists.getByRole("button", { name: "Delete A list with a rather long name" })).toBeFocused();
  await page.keyboard.press("Escape");
  await expect(menu).toHaveAttribute("aria-expanded", "false");
  await expect(lists.getByRole("button", { name: "Delete A list with a rather long name" })).toBeHidden();

  await rowAction(lists, "Actions for the list A list with a rather long name", "Delete A list with a rather long name");
  const confirm = page.getByRole("alertdialog", { name: "Delete A list with a rather long name" });
  await expect(confirm).toContainText("It has 1 task");
  await expect(confirm.getByRole("button", { name: "Cancel" })).toBeFocused();
  await page.keyboard.press("Escape"); // nothing deleted
  await expect(confirm).toHaveCount(0);
  await expect(link).toBeVisible();
  await expect(item(page, "In the long list")).toHaveCount(1);
});

/** Interactive elements on screen smaller than `min` px in either direction, described. */
async function smallTargets(page: Page, min: number) {
  return page.evaluate((min) => {
    const selector = "a[href], button, input:not([type=hidden]), select, textarea, summary, [role=button], [tabindex]:not([tabindex='-1'])";
    return [...document.querySelectorAll<HTMLElement>(selector)]
      .filter((el) => {
        const style = getComputedStyle(el);
        const box = el.getBoundingClientRect();
        // Visible, and not a screen-reader-only control (clipped to nothing).
        return box.width > 1 && box.height > 1 && style.visibility !== "hidden" && style.clipPath !== "inset(50%)" && !el.closest(".sr-only");
      })
      .map((el) => ({ el, box: el.getBoundingClientRect() }))
      .filter(({ box }) => Math.round(box.width) < min || Math.round(box.height) < min)
      .map(({ el, box }) => `${el.tagName.toLowerCase()} "${el.getAttribute("aria-label") ?? el.textContent?.trim().slice(0, 30)}" ${Math.round(box.width)}x${Math.round(box.height)}`);
  }, min);
}

async function fillSomeTasks(page: Page) {
  for (const title of ["Water the ferns", "A title long enough to wrap onto several lines on a phone, which the list clamps so that one task does not fill the screen and push every other task out of view, as it did", "Call the plumber", "Pay the rent"]) {
    await addTask(page, title);
  }
}

test.describe("on a phone (360 x 740, touch)", () => {
  test.use({ viewport: { width: 360, height: 740 }, hasTouch: true, isMobile: true });

  test("the new-task field and three tasks show without scrolling; every control is at least 44 px", async ({ signedIn: page }) => {
    await fillSomeTasks(page);
    await page.reload();
    await expect(page.locator(".new-todo")).toBeEnabled();
    const rows = page.getByTestId("task-item");
    await page.screenshot({ path: test.info().outputPath("phone.png") });
    for (const target of [page.locator(".new-todo"), rows.nth(0), rows.nth(1), rows.nth(2)]) {
      const box = (await target.boundingBox())!;
      expect(box.y + box.height, "inside the first screen").toBeLessThanOrEqual(740);
    }
    // The long title is clamped: its row stays short.
    expect((await rows.nth(1).boundingBox())!.height).toBeLessThan(160);
    expect(await smallTargets(page, 44)).toEqual([]);

    // The lists and labels wait behind a button.
    const lists = page.getByRole("navigation", { name: "Lists" });
    await expect(lists).toBeHidden();
    await page.getByRole("button", { name: "Lists and labels" }).click();
    await expect(page.getByRole("button", { name: "Hide lists" })).toHaveAttribute("aria-expanded", "true");
    await expect(lists).toBeVisible();
    expect(await smallTargets(page, 44)).toEqual([]);
    await page.getByRole("button", { name: "Hide lists" }).click();

    // A tap on a task's text opens its details; the checkbox next to it still ticks it.
    const title = (await rows.nth(0).locator(".view label").boundingBox())!;
    await page.touchscreen.tap(title.x + 20, title.y + title.height / 2);
    const panel = page.getByRole("dialog", { name: 'Details of "Water the ferns"' });
    await expect(panel).toBeVisible();
    expect(Math.round((await panel.boundingBox())!.width)).toBe(360);
    await panel.getByRole("button", { name: "Cancel" }).tap();
    await expect(panel).toHaveCount(0);
    await rows.nth(2).locator(".toggle").tap();
    await expect(rows.nth(2).locator(".toggle")).toBeChecked();
    await expect(page.getByRole("dialog")).toHaveCount(0);
  });
});

test("on a desktop every control of the task page is at least 24 px", async ({ signedIn: page }) => {
  await fillSomeTasks(page);
  await expect(page.locator(".new-todo")).toBeEnabled();
  expect(await smallTargets(page, 24)).toEqual([]);
});
