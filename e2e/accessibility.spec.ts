/** Every page, checked with axe in light and dark: no serious or critical violations. */
import { addTask, expect, expectAccessible, item, signUp, test } from "./fixtures";

for (const colorScheme of ["light", "dark"] as const) {
  test.describe(`${colorScheme} scheme`, () => {
    test.use({ colorScheme });

    test("sign-in and sign-up pages, with field errors shown", async ({ page }) => {
      await page.goto("/sign-in");
      await expect(page.getByRole("button", { name: "Sign in" })).toBeEnabled();
      await expectAccessible(page);
      await page.getByRole("button", { name: "Sign in" }).click();
      await expect(page.getByText("Enter your email address.")).toBeVisible();
      await expectAccessible(page);
      await page.goto("/sign-up");
      await expect(page.getByRole("button", { name: "Create account" })).toBeEnabled();
      await expectAccessible(page);
    });

    test("the task page: empty, with tasks, details open, and the shortcuts dialog", async ({ page }) => {
      await signUp(page);
      await expectAccessible(page);
      await addTask(page, "Accessible task");
      await addTask(page, "Done task");
      await item(page, "Done task").locator(".toggle").check();
      await expectAccessible(page);
      await item(page, "Accessible task").getByRole("button", { name: /Edit details/ }).click();
      await expect(page.getByRole("dialog", { name: 'Details of "Accessible task"' })).toBeVisible();
      await expectAccessible(page);
      await page.keyboard.press("Escape");
      await page.getByRole("button", { name: "Shortcuts" }).click();
      await expect(page.getByRole("dialog", { name: "Keyboard shortcuts" })).toBeVisible();
      await expectAccessible(page);
      // My order, with its drag handles.
      await page.goto("/?sort=manual");
      await expect(page.getByRole("button", { name: 'Reorder "Done task"' })).toBeVisible();
      await expectAccessible(page);
      // Quick add's chips under the field.
      await page.locator(".new-todo").fill("Call mom tomorrow 5pm #family !high every friday");
      await expect(page.getByTestId("quick-add-chips").getByRole("listitem")).toHaveCount(4);
      await expectAccessible(page);
    });

    test("the account page", async ({ page }) => {
      await signUp(page);
      await page.goto("/account");
      await expect(page.getByText("This device")).toBeVisible();
      await expectAccessible(page);
    });
  });
}
