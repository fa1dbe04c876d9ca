/** My order: drag a row by its handle, move it with Alt+Arrow or with dnd-kit's keyboard drag; the order survives a reload. */
import type { Page } from "@playwright/test";
import { addTask, expect, expectAccessible, item, liveSyncStarted, reload, settled, test } from "./fixtures";

const titles = (page: Page) => expect.poll(() => page.locator(".todo-list li .view label").allTextContents());

/**
 * dnd-kit's keyboard sensor starts listening for the arrow keys in a timer it sets at the pickup, so a key
 * sent at once (a script is faster than any hand) would be lost; a timer set now in the page runs after it.
 */
const sensorListening = (page: Page) => page.evaluate(() => new Promise<void>((resolve) => setTimeout(resolve)));

async function myOrder(page: Page) {
  await page.getByRole("combobox", { name: "Sort" }).selectOption({ label: "My order" });
  await expect(page).toHaveURL(/sort=manual/);
  await expect(page.getByRole("button", { name: 'Reorder "Alpha"' })).toBeVisible();
}

test("drag and drop and the keyboard reorder My order, which survives a reload", async ({ signedIn: page }) => {
  for (const title of ["Alpha", "Bravo", "Charlie", "Delta"]) await addTask(page, title);
  await myOrder(page);
  await titles(page).toEqual(["Alpha", "Bravo", "Charlie", "Delta"]);

  // Drag Delta's handle above Alpha, in small steps as a hand would.
  const handle = page.getByRole("button", { name: 'Reorder "Delta"' });
  const from = (await handle.boundingBox())!;
  const to = (await item(page, "Alpha").boundingBox())!;
  await page.mouse.move(from.x + from.width / 2, from.y + from.height / 2);
  await page.mouse.down();
  for (let step = 1; step <= 10; step++) await page.mouse.move(from.x + from.width / 2, from.y + (to.y + 4 - from.y) * (step / 10));
  await page.mouse.up();
  await titles(page).toEqual(["Delta", "Alpha", "Bravo", "Charlie"]);

  // Alt+Down on a row's checkbox moves it one place down, says so, and keeps the focus on it.
  const alpha = page.getByRole("checkbox", { name: 'Mark "Alpha" as done' });
  await alpha.focus();
  await alpha.press("Alt+ArrowDown");
  await titles(page).toEqual(["Delta", "Bravo", "Alpha", "Charlie"]);
  await expect(page.getByText("Moved \"⁨Alpha⁩\" to position 3 of 4")).toBeAttached();
  await expect(alpha).toBeFocused();
  await alpha.press("Alt+ArrowUp");
  await alpha.press("Alt+ArrowUp");
  await titles(page).toEqual(["Alpha", "Delta", "Bravo", "Charlie"]);

  // dnd-kit's own keyboard drag on the handle: Space picks up, an arrow moves, Space drops.
  const charlie = page.getByRole("button", { name: 'Reorder "Charlie"' });
  await charlie.focus();
  // Each key waits for dnd-kit to have taken the last one (its announcements say so), as a screen reader user hears it.
  await charlie.press("Space");
  await expect(page.getByText(/".Charlie." is over position 4 of 4/)).toBeAttached(); // picked up, where it was
  await sensorListening(page);
  await charlie.press("ArrowUp");
  await expect(page.getByText(/".Charlie." is over position 3 of 4/)).toBeAttached();
  await charlie.press("Space");
  await titles(page).toEqual(["Alpha", "Delta", "Charlie", "Bravo"]);
  await expectAccessible(page);

  await reload(page);
  await titles(page).toEqual(["Alpha", "Delta", "Charlie", "Bravo"]);
  // Other sorts are untouched, and a new task goes last in My order.
  await addTask(page, "Echo");
  await titles(page).toEqual(["Alpha", "Delta", "Charlie", "Bravo", "Echo"]);
  await settled(page);
  await page.goto("/?sort=created");
  await titles(page).toEqual(["Alpha", "Bravo", "Charlie", "Delta", "Echo"]);
  // Outside My order, Alt+Arrow says how to reorder instead of doing nothing silently.
  await page.getByRole("checkbox", { name: 'Mark "Bravo" as done' }).press("Alt+ArrowUp");
  await expect(page.getByText("Choose My order in Sort to move tasks")).toBeAttached();
  await titles(page).toEqual(["Alpha", "Bravo", "Charlie", "Delta", "Echo"]);
});

test("a move made in one tab shows in the other", async ({ signedIn: page, context }) => {
  for (const title of ["One", "Two", "Three"]) await addTask(page, title);
  await settled(page);
  // The first tab holds the live stream for the browser (docs/sync.md) and passes changes to the other.
  const opened = page.waitForResponse((res) => res.url().includes("/api/trpc/sync.changes") && res.status() === 200, { timeout: 15_000 });
  await page.goto("/?sort=manual");
  await opened;
  const other = await context.newPage();
  await other.goto("/?sort=manual");
  await titles(other).toEqual(["One", "Two", "Three"]);
  await liveSyncStarted(other);
  await page.getByRole("checkbox", { name: 'Mark "Three" as done' }).press("Alt+ArrowUp");
  await titles(page).toEqual(["One", "Three", "Two"]);
  await titles(other).toEqual(["One", "Three", "Two"]);
});
