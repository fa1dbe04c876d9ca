/** What people expect of a task app beyond TodoMVC: details, date views, search and sort. */
import type { Page } from "@playwright/test";
import { addTask, expect, item, reload, settled, test } from "./fixtures";

const titles = (page: Page) => page.locator(".todo-list li .view label");
const pad = (n: number) => String(n).padStart(2, "0");
/** `YYYY-MM-DD` of the browser's today plus `days`. */
const day = (days: number) => {
  const d = new Date();
  d.setDate(d.getDate() + days);
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
};

async function setDetails(page: Page, title: string, details: { notes?: string; due?: string; priority?: string }) {
  const row = item(page, title);
  await row.getByRole("button", { name: /Edit details/ }).click();
  if (details.notes !== undefined) await row.getByLabel("Notes").fill(details.notes);
  if (details.due !== undefined) await row.getByLabel("Due").fill(details.due);
  if (details.priority !== undefined) await row.getByLabel("Priority").selectOption(details.priority);
  await row.getByRole("button", { name: "Save" }).click();
  await expect(row.getByRole("form")).toHaveCount(0);
}

test("notes, due day and priority are saved and shown", async ({ signedIn: page }) => {
  await addTask(page, "Quarterly report");
  await setDetails(page, "Quarterly report", { notes: "Numbers from finance", due: day(0), priority: "high" });
  const row = item(page, "Quarterly report");
  await expect(row).toContainText("high priority");
  await expect(row).toContainText("Due today");
  await expect(row).toContainText("Numbers from finance");

  await reload(page);
  await expect(row).toContainText("high priority");
  await expect(row).toContainText("Due today");
  await row.getByRole("button", { name: /Edit details/ }).click();
  await expect(row.getByLabel("Notes")).toHaveValue("Numbers from finance");
  await expect(row.getByLabel("Due")).toHaveValue(day(0));
  await expect(row.getByLabel("Priority")).toHaveValue("high");

  // Clearing works too.
  await row.getByLabel("Notes").fill("");
  await row.getByLabel("Due").fill("");
  await row.getByLabel("Priority").selectOption("none");
  await row.getByRole("button", { name: "Save" }).click();
  await reload(page);
  await expect(row).not.toContainText("priority");
  await expect(row).not.toContainText("Due");
});

test("a due time is saved with the day, shown in the row, and cleared with the day", async ({ signedIn: page }) => {
  await addTask(page, "Dentist");
  const row = item(page, "Dentist");
  await row.getByRole("button", { name: /Edit details/ }).click();
  await expect(row.getByLabel("Time (optional)")).toBeDisabled(); // no day, no time
  await row.getByLabel("Due").fill(day(1));
  await row.getByLabel("Time (optional)").fill("17:30");
  await row.getByRole("button", { name: "Save" }).click();
  await expect(row.locator("time")).toHaveText(/, (5:30\sPM|17:30)$/);
  await reload(page);
  await expect(row.locator("time")).toHaveText(/, (5:30\sPM|17:30)$/);
  await row.getByRole("button", { name: /Edit details/ }).click();
  await expect(row.getByLabel("Time (optional)")).toHaveValue("17:30");
  // Only the day again: no time shown.
  await row.getByLabel("Time (optional)").fill("");
  await row.getByRole("button", { name: "Save" }).click();
  await expect(row.locator("time")).not.toHaveText(/,/);
  await settled(page);
  await reload(page);
  await expect(row.locator("time")).not.toHaveText(/,/);
});

test("the details form refuses an empty title and Cancel discards", async ({ signedIn: page }) => {
  await addTask(page, "Keep my name");
  const row = item(page, "Keep my name");
  await row.getByRole("button", { name: /Edit details/ }).click();
  await row.getByLabel("Title").fill("  ");
  await row.getByRole("button", { name: "Save" }).click();
  await expect(row.getByText("The title must not be empty.")).toBeVisible();
  await row.getByRole("button", { name: "Cancel" }).click();
  await reload(page);
  await expect(titles(page)).toHaveText(["Keep my name"]);
});

test("Today, Overdue and Upcoming views, by the browser's calendar", async ({ signedIn: page }) => {
  for (const t of ["late", "today", "soon", "undated", "late but done"]) await addTask(page, t);
  await setDetails(page, "late but done", { due: day(-3) });
  await setDetails(page, "late", { due: day(-1) });
  await setDetails(page, "today", { due: day(0) });
  await setDetails(page, "soon", { due: day(2) });
  await item(page, "late but done").locator(".toggle").check();

  await page.getByRole("link", { name: "Today" }).click();
  await expect(page).toHaveURL(/view=today/);
  await expect(titles(page)).toHaveText(["today"]);
  // The counts describe the view on screen, not the whole list.
  await expect(page.locator(".todo-count")).toHaveText("1 item left");
  await page.getByRole("link", { name: "Overdue" }).click();
  await expect(titles(page)).toHaveText(["late"]);
  await expect(page.locator(".todo-count")).toHaveText("1 item left");
  // "Clear completed" here clears the overdue completed task only, and says so.
  await page.getByRole("button", { name: "Clear completed" }).click();
  await expect(page.getByText("Cleared 1 completed task")).toBeVisible();
  await page.getByRole("button", { name: "Undo" }).click();
  await page.getByRole("link", { name: "Upcoming" }).click();
  await expect(titles(page)).toHaveText(["soon"]);
  await reload(page);
  await expect(titles(page)).toHaveText(["soon"]);
  await page.getByRole("link", { name: "Any date" }).click();
  await expect(titles(page)).toHaveText(["late", "today", "soon", "undated", "late but done"]);
});

test("search filters as you type, in the URL, with the other filters", async ({ signedIn: page }) => {
  for (const t of ["Buy milk", "Call mom", "Buy bread"]) await addTask(page, t);
  await item(page, "Buy bread").locator(".toggle").check();
  await page.getByLabel("Search tasks").fill("buy");
  await expect(titles(page)).toHaveText(["Buy milk", "Buy bread"]);
  await expect(page).toHaveURL(/q=buy/);
  await page.getByRole("link", { name: "Active" }).click();
  await expect(titles(page)).toHaveText(["Buy milk"]);
  await reload(page);
  await expect(page.getByLabel("Search tasks")).toHaveValue("buy");
  await expect(titles(page)).toHaveText(["Buy milk"]);
  await page.getByLabel("Search tasks").fill("nothing like this");
  await expect(page.getByText("No tasks match.")).toBeVisible();
});

test("sort by priority, due date and newest", async ({ signedIn: page }) => {
  for (const t of ["a", "b", "c"]) await addTask(page, t);
  await setDetails(page, "b", { priority: "high", due: day(5) });
  await setDetails(page, "c", { priority: "low", due: day(1) });
  const sort = page.getByLabel("Sort");
  await sort.selectOption("priority");
  await expect(titles(page)).toHaveText(["b", "c", "a"]);
  await sort.selectOption("due");
  await expect(titles(page)).toHaveText(["c", "b", "a"]);
  await sort.selectOption("newest");
  await expect(titles(page)).toHaveText(["c", "b", "a"]);
  await expect(page).toHaveURL(/sort=newest/);
  await sort.selectOption("created");
  await expect(titles(page)).toHaveText(["a", "b", "c"]);
});

test("long lists load page by page as you scroll", async ({ signedIn: page }) => {
  // 120 tasks through the API, with the page's own session. The page is away meanwhile: an open page
  // hears them live and fetches again, which this test would count as its own.
  await page.goto("about:blank");
  const { token } = (await (await page.request.get("/api/auth/token")).json()) as { token: string };
  for (let i = 0; i < 120; i++) {
    const res = await page.request.post("/api/trpc/task.create", {
      headers: { authorization: `Bearer ${token}` },
      data: { json: { title: `Task ${String(i).padStart(3, "0")}` } },
    });
    expect(res.ok()).toBe(true);
  }
  // The first HTML carries the rows a tall screen shows; the rest of the page render from its data, unasked.
  const html = await (await page.request.get("/")).text();
  expect(html.match(/data-testid="task-item"/g)).toHaveLength(25);
  expect(html).toContain("Task 049");
  const requests: string[] = [];
  page.on("request", (request) => {
    if (request.url().includes("/api/trpc/task.")) requests.push(request.url());
  });
  await page.goto("/");
  await expect(titles(page)).toHaveCount(50);
  await expect(page.locator(".todo-count")).toHaveText("120 items left");
  expect(requests).toEqual([]);
  await page.getByRole("button", { name: "Load more" }).scrollIntoViewIfNeeded();
  await expect(titles(page)).toHaveCount(100);
  await page.getByRole("button", { name: "Load more" }).scrollIntoViewIfNeeded();
  await expect(titles(page)).toHaveCount(120);
  await expect(page.getByRole("button", { name: "Load more" })).toHaveCount(0);
  await expect(titles(page).last()).toHaveText("Task 119");
});

test("delete offers Undo, which brings the task back in its place", async ({ signedIn: page }) => {
  for (const t of ["first", "second", "third"]) await addTask(page, t);
  await item(page, "second").locator(".destroy").click();
  await expect(titles(page)).toHaveText(["first", "third"]);
  await page.getByRole("button", { name: "Undo" }).click();
  await expect(titles(page)).toHaveText(["first", "second", "third"]);
  await reload(page);
  await expect(titles(page)).toHaveText(["first", "second", "third"]);
});

test("keyboard: n for a new task, / to search, ? for help, Escape to close", async ({ signedIn: page }) => {
  await addTask(page, "Keyboard task");
  await page.locator("body").click({ position: { x: 5, y: 5 } });
  await page.keyboard.press("/");
  await expect(page.getByLabel("Search tasks")).toBeFocused();
  await page.locator("body").click({ position: { x: 5, y: 5 } });
  await page.keyboard.press("n");
  await expect(page.locator(".new-todo")).toBeFocused();
  await page.keyboard.type("Typed n is not a shortcut here");
  await expect(page.locator(".new-todo")).toHaveValue("Typed n is not a shortcut here");
  await page.locator("body").click({ position: { x: 5, y: 5 } });
  await page.keyboard.press("?");
  const help = page.getByRole("dialog", { name: "Keyboard shortcuts" });
  await expect(help).toBeVisible();
  await page.keyboard.press("Escape");
  await expect(help).toBeHidden();
});

test("keyboard only: complete and delete a task with Tab, Space and Enter", async ({ signedIn: page }) => {
  await addTask(page, "Reach me");
  const toggle = item(page, "Reach me").locator(".toggle");
  await toggle.focus();
  await page.keyboard.press("Space");
  await expect(toggle).toBeChecked();
  await page.keyboard.press("Tab"); // Edit
  await page.keyboard.press("Tab"); // Delete
  await expect(item(page, "Reach me").locator(".destroy")).toBeFocused();
  await page.keyboard.press("Enter");
  await expect(item(page, "Reach me")).toHaveCount(0);
});

test("the theme follows the system, and a chosen one survives a reload", async ({ signedIn: page }) => {
  const html = page.locator("html");
  await expect(html).not.toHaveAttribute("data-theme", /.+/);
  await page.getByRole("button", { name: "System theme" }).click();
  await expect(html).toHaveAttribute("data-theme", "light");
  await page.getByRole("button", { name: "Light theme" }).click();
  await expect(html).toHaveAttribute("data-theme", "dark");
  await reload(page);
  await expect(html).toHaveAttribute("data-theme", "dark");
  await expect(page.getByRole("button", { name: "Dark theme" })).toBeVisible();
  await page.getByRole("button", { name: "Dark theme" }).click();
  await expect(html).not.toHaveAttribute("data-theme", /.+/);
});

test("refused changes are rolled back with a message; a refused new task's title is kept", async ({ signedIn: page }) => {
  await addTask(page, "Stays as it was");
  await settled(page); // saved before the server starts refusing
  await page.route("**/api/trpc/task.**", (route) =>
    route.request().method() === "POST"
      ? route.fulfill({
          status: 500,
          contentType: "application/json",
          // Mutations are sent one per request (not batched): a single error object.
          body: JSON.stringify({ error: { json: { message: "Internal server error", code: -32603, data: { code: "INTERNAL_SERVER_ERROR", httpStatus: 500 } } } }),
        })
      : route.continue(),
  );

  await item(page, "Stays as it was").locator(".toggle").click();
  await expect(page.getByText("Internal server error").first()).toBeVisible();
  await expect(item(page, "Stays as it was").locator(".toggle")).not.toBeChecked();
  await expect(page.locator(".todo-count")).toHaveText("1 item left");

  await page.locator(".new-todo").fill("Not lost");
  await page.locator(".new-todo").press("Enter");
  await expect(page.locator(".new-todo")).toHaveValue("Not lost");
  await expect(titles(page)).toHaveText(["Stays as it was"]);

  await page.unroute("**/api/trpc/task.**");
  await page.locator(".new-todo").press("Enter");
  await expect(titles(page)).toHaveText(["Stays as it was", "Not lost"]);
  await expect(page.locator(".new-todo")).toHaveValue("");
});

test("a double-clicked Save saves once and deletes nothing, even where Delete moves under the pointer", async ({ signedIn: page }) => {
  await addTask(page, "Keep me");
  await addTask(page, "Keep me too");
  const row = item(page, "Keep me");
  await row.getByRole("button", { name: /Edit details/ }).click();
  await row.getByLabel("Notes").fill("double-clicked");
  const save = row.getByRole("button", { name: "Save" });
  // The details are taller than a short viewport's rest: the mouse can only click what is on screen.
  await save.scrollIntoViewIfNeeded();
  const box = (await save.boundingBox())!;
  // Where Delete will be once the panel closes: the pointer's second click lands there, ~120 ms later.
  await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
  const destroy = row.locator(".destroy");
  const target = (await destroy.boundingBox())!;
  await page.waitForTimeout(120);
  await page.mouse.click(target.x + target.width / 2, target.y + target.height / 2, { clickCount: 2 });
  await settled(page);
  await reload(page);
  await expect(item(page, "Keep me")).toContainText("double-clicked");
  await expect(item(page, "Keep me too")).toHaveCount(1);
  // After Save the focus is on the row's Edit button, so the keyboard carries on from the row.
  await item(page, "Keep me").getByRole("button", { name: /Edit details/ }).click();
  await item(page, "Keep me").getByRole("button", { name: "Cancel" }).click();
  await expect(item(page, "Keep me").getByRole("button", { name: /Edit details/ })).toBeFocused();
});

test("deleting from the keyboard moves the focus to the next task, not the page", async ({ signedIn: page }) => {
  await addTask(page, "First to go");
  await addTask(page, "Next in line");
  await item(page, "First to go").locator(".destroy").focus();
  await page.keyboard.press("Enter");
  await expect(item(page, "First to go")).toHaveCount(0);
  await expect(item(page, "Next in line").locator(".toggle")).toBeFocused();
});

test("a pasted title over the limit is kept and counted, not cut; the task is added once it fits", async ({ signedIn: page }) => {
  const input = page.locator(".new-todo");
  await input.fill("z".repeat(520));
  await input.press("Enter");
  await expect(page.getByText("520 / 500 characters: 20 too many")).toBeVisible();
  await expect(input).toHaveValue("z".repeat(520));
  await expect(page.getByTestId("task-item")).toHaveCount(0);
  await input.fill("z".repeat(500));
  await input.press("Enter");
  await expect(page.getByTestId("task-item")).toHaveCount(1);
});

test("Clear completed offers Undo for every task it cleared, back in their places", async ({ signedIn: page }) => {
  for (const t of ["one", "two", "three", "four"]) await addTask(page, t);
  for (const t of ["one", "three", "four"]) await item(page, t).locator(".toggle").check();
  await settled(page);
  await page.getByRole("button", { name: "Clear completed" }).click();
  await expect(titles(page)).toHaveText(["two"]);
  await expect(page.getByText("Cleared 3 completed tasks")).toBeVisible();
  await page.getByRole("button", { name: "Undo" }).click();
  await expect(titles(page)).toHaveText(["one", "two", "three", "four"]);
  await reload(page);
  await expect(titles(page)).toHaveText(["one", "two", "three", "four"]);
  await expect(page.locator(".todo-count")).toContainText("1 item left");
});

test("closing the tab while a change is on its way asks first", async ({ signedIn: page }) => {
  await addTask(page, "Almost saved");
  await settled(page);
  // Hold the next change on its way to the server (it never arrives in this test).
  await page.route("**/api/trpc/task.update**", () => {});
  await item(page, "Almost saved").locator(".toggle").check();
  const asked = page.waitForEvent("dialog");
  await page.close({ runBeforeUnload: true });
  const dialog = await asked;
  expect(dialog.type()).toBe("beforeunload");
  await dialog.dismiss(); // stay on the page
  expect(page.isClosed()).toBe(false);
  await expect(item(page, "Almost saved").locator(".toggle")).toBeChecked();
});
