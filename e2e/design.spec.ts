/** The product's look where it carries meaning: where you are, which list a task is in, what a password takes. */
import type { Page } from "@playwright/test";
import { addTask, expect, item, test } from "./fixtures";

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
