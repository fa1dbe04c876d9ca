/** Recurring tasks in the browser: set a repeat in the details, complete it three times, Undo, skip, stop. */
import type { Page } from "@playwright/test";
import { addTask, expect, expectAccessible, item, reload, settled, test } from "./fixtures";

/** `YYYY-MM-DD` of the local day `days` from today. */
const dayIn = (days: number) => {
  const date = new Date();
  date.setDate(date.getDate() + days);
  return `${date.getFullYear()}-${String(date.getMonth() + 1).padStart(2, "0")}-${String(date.getDate()).padStart(2, "0")}`;
};

/** The local day the row's due date falls on. */
const dueDayOf = (page: Page, title: string) =>
  expect.poll(async () => {
    const iso = await item(page, title).locator("time").getAttribute("datetime");
    if (!iso) return null;
    const date = new Date(iso);
    return `${date.getFullYear()}-${String(date.getMonth() + 1).padStart(2, "0")}-${String(date.getDate()).padStart(2, "0")}`;
  });

test("a daily task completed three times moves on each time and stays to do; Undo, skip and stop repeating", async ({ signedIn: page }) => {
  await addTask(page, "Stretch");
  const row = item(page, "Stretch");
  await row.getByRole("button", { name: /Edit details/ }).click();
  // Without a due day there is nothing to repeat from.
  await expect(row.getByLabel("Repeat")).toBeDisabled();
  await row.getByLabel("Due").fill(dayIn(1));
  await row.getByLabel("Repeat").selectOption({ label: "Daily" });
  await expectAccessible(page);
  await row.getByRole("button", { name: "Save" }).click();
  await expect(row.getByTestId("task-repeat")).toHaveText("↻ Repeats every day");

  // click(), not check(): the box ticks and unticks again as the task moves on, faster than check() can look.
  for (const days of [2, 3, 4]) {
    await row.locator(".toggle").click();
    await dueDayOf(page, "Stretch").toBe(dayIn(days));
    await expect(row.locator(".toggle")).not.toBeChecked();
  }
  await expect(page.getByText(/Done: "⁨Stretch⁩", next due/).first()).toBeVisible();
  await expect(page.locator(".todo-count")).toContainText("1 item left");
  await settled(page);
  await reload(page);
  await dueDayOf(page, "Stretch").toBe(dayIn(4));

  // Undo the next completion from its toast.
  await row.locator(".toggle").click();
  await dueDayOf(page, "Stretch").toBe(dayIn(5));
  await page.getByRole("button", { name: "Undo" }).last().click();
  await dueDayOf(page, "Stretch").toBe(dayIn(4));

  // Skip this one, from the details.
  await row.getByRole("button", { name: /Edit details/ }).click();
  await row.getByRole("button", { name: "Skip this one" }).click();
  await dueDayOf(page, "Stretch").toBe(dayIn(5));
  await expect(page.getByText(/Skipped: "⁨Stretch⁩"/)).toBeVisible();

  // Weekly on chosen days, then stop repeating: a check then completes it.
  await row.getByRole("button", { name: /Edit details/ }).click();
  await row.getByLabel("Repeat").selectOption({ label: "Weekly" });
  await row.getByRole("checkbox", { name: "Mon" }).check();
  await row.getByRole("button", { name: "Save" }).click();
  await expect(row.getByTestId("task-repeat")).toContainText("every week on");
  await row.getByRole("button", { name: /Edit details/ }).click();
  await row.getByLabel("Repeat").selectOption({ label: "Does not repeat" });
  await row.getByRole("button", { name: "Save" }).click();
  await expect(row.getByTestId("task-repeat")).toHaveCount(0);
  await row.locator(".toggle").check();
  await expect(row).toHaveClass(/completed/);
  await settled(page);
  await reload(page);
  await expect(item(page, "Stretch")).toHaveClass(/completed/);
});
