/** A task's checklist: added, ticked, renamed, reordered from the keyboard and deleted in the details; the row shows "2/3". */
import type { Locator, Request } from "@playwright/test";
import { addTask, expect, expectAccessible, item, reload, settled, test } from "./fixtures";

/** The checklist's item titles, as its fields hold them. */
const valuesOf = (fields: Locator) => expect.poll(() => fields.evaluateAll((els) => els.map((el) => (el as HTMLInputElement).value)));

test("a checklist in the details: add, tick, rename, reorder with Alt+Arrow, delete; the row counts it, after a reload too", async ({ signedIn: page }) => {
  await addTask(page, "Pack for the trip");
  const row = item(page, "Pack for the trip");
  await row.getByRole("button", { name: /Edit details/ }).click();
  const add = row.getByRole("textbox", { name: 'Add a subtask to "Pack for the trip"' });
  for (const title of ["Socks", "Charger", "Tent"]) {
    await add.fill(title);
    await add.press("Enter");
  }
  const checklist = row.getByRole("list", { name: 'Subtasks of "Pack for the trip"' });
  const titles = () => checklist.getByRole("textbox");
  await valuesOf(titles()).toEqual(["Socks", "Charger", "Tent"]);
  // Once the server has them: its answer re-renders the items, and a box ticked in that moment is a new one.
  await settled(page);
  await row.getByRole("checkbox", { name: 'Mark "Socks" as done' }).click();
  await expect(row.getByRole("checkbox", { name: 'Mark "Socks" as not done' })).toBeChecked();
  await expect(row.getByTestId("subtask-count")).toHaveText("1 of 3 subtasks done1/3");

  // Rename in place; Enter saves.
  await row.getByRole("textbox", { name: 'Subtask "Tent"' }).fill("Tent and pegs");
  await row.getByRole("textbox", { name: 'Subtask "Tent"' }).press("Enter");
  // Alt+Up moves the focused item one place up, and says so.
  await row.getByRole("textbox", { name: 'Subtask "Tent and pegs"' }).press("Alt+ArrowUp");
  await valuesOf(titles()).toEqual(["Socks", "Tent and pegs", "Charger"]);
  await expect(row.getByText("Moved ⁨Tent and pegs⁩ to position 2 of 3")).toBeAttached();
  await expect(row.getByRole("textbox", { name: 'Subtask "Tent and pegs"' })).toBeFocused();
  await row.getByRole("checkbox", { name: 'Mark "Charger" as done' }).press("Alt+ArrowUp");
  await valuesOf(titles()).toEqual(["Socks", "Charger", "Tent and pegs"]);
  await expectAccessible(page);
  await settled(page);

  await reload(page);
  await expect(row.getByTestId("subtask-count")).toContainText("1/3");
  await row.getByRole("button", { name: /Edit details/ }).click();
  await valuesOf(titles()).toEqual(["Socks", "Charger", "Tent and pegs"]);
  await expect(row.getByRole("checkbox", { name: 'Mark "Socks" as not done' })).toBeChecked();
  await row.getByRole("button", { name: 'Delete subtask "Charger"' }).click();
  // An emptied item is deleted too.
  const tent = row.getByRole("textbox", { name: 'Subtask "Tent and pegs"' });
  await tent.fill("");
  await tent.press("Enter");
  await valuesOf(titles()).toEqual(["Socks"]);
  await expect(row.getByTestId("subtask-count")).toContainText("1/1");
  await settled(page);
  await reload(page);
  await expect(row.getByTestId("subtask-count")).toContainText("1/1");
});

test("deleting a task takes its checklist, and Undo brings it back", async ({ signedIn: page }) => {
  await addTask(page, "Groceries");
  const row = item(page, "Groceries");
  await row.getByRole("button", { name: /Edit details/ }).click();
  const add = row.getByRole("textbox", { name: 'Add a subtask to "Groceries"' });
  await add.fill("Milk");
  await add.press("Enter");
  await expect(row.getByTestId("subtask-count")).toContainText("0/1");
  await settled(page);
  await page.keyboard.press("Escape"); // the details are a modal dialog: Escape closes them
  await expect(page.getByRole("dialog")).toHaveCount(0);
  await row.getByRole("button", { name: 'Delete "Groceries"' }).click();
  await expect(row).toHaveCount(0);
  await page.getByRole("button", { name: "Undo" }).click();
  await expect(row.getByTestId("subtask-count")).toContainText("0/1");
  await row.getByRole("button", { name: /Edit details/ }).click();
  await valuesOf(row.getByRole("list", { name: 'Subtasks of "Groceries"' }).getByRole("textbox")).toEqual(["Milk"]);
});

test("a refetch begun before a checklist change does not put the old title back when it lands", async ({ signedIn: page }) => {
  await addTask(page, "Camping");
  const row = item(page, "Camping");
  await row.getByRole("button", { name: /Edit details/ }).click();
  const add = row.getByRole("textbox", { name: 'Add a subtask to "Camping"' });
  for (const title of ["Socks", "Tent"]) {
    await add.fill(title);
    await add.press("Enter");
  }
  await settled(page);
  // The order that used to show the old title again: the checklist is read on the server before the
  // rename, and the answer reaches the page after the rename is shown but before it is answered.
  let renameSent!: () => void;
  const renaming = new Promise<void>((resolve) => (renameSent = resolve));
  const heldReads: Promise<void>[] = [];
  let sent = false;
  await page.route(
    (url) => url.pathname.includes("subtask.list"),
    (route) => {
      if (sent) return route.continue();
      const held = (async () => {
        const response = await route.fetch();
        await renaming;
        await route.fulfill({ response }).catch(() => {}); // the page may no longer want it: that is the fix
      })();
      heldReads.push(held);
      return held;
    },
  );
  await page.route("**/api/trpc/subtask.update", async (route) => {
    if (!route.request().postData()?.includes("Tent and pegs")) return route.continue();
    sent = true;
    renameSent();
    const response = await route.fetch();
    await Promise.all(heldReads);
    await new Promise((resolve) => setTimeout(resolve, 300)); // the reads' answers are taken in first
    await route.fulfill({ response });
  });
  const stale = page.waitForRequest((request) => request.url().includes("subtask.list"));
  await row.getByRole("checkbox", { name: 'Mark "Socks" as done' }).click(); // its answer refetches the checklist
  await stale;
  const tent = row.getByRole("textbox", { name: 'Subtask "Tent"' });
  await tent.fill("Tent and pegs");
  // Every title the field shows from now on.
  await tent.evaluate((field: HTMLInputElement) => {
    const seen = new Set<string>();
    (window as unknown as { seen: Set<string> }).seen = seen;
    setInterval(() => {
      const shown = field.isConnected ? field : document.querySelector<HTMLInputElement>("input[data-field=title][aria-label^='Subtask \"Tent']");
      if (shown) seen.add(shown.value);
    }, 5);
  });
  await tent.press("Enter");
  await settled(page);
  await valuesOf(row.getByRole("list", { name: 'Subtasks of "Camping"' }).getByRole("textbox")).toEqual(["Socks", "Tent and pegs"]);
  expect(await page.evaluate(() => [...(window as unknown as { seen: Set<string> }).seen])).toEqual(["Tent and pegs"]);
});

test("a new subtask can be ticked as soon as the server has made it, before the checklist is read again", async ({ signedIn: page }) => {
  await addTask(page, "Picnic");
  const row = item(page, "Picnic");
  await row.getByRole("button", { name: /Edit details/ }).click();
  const add = row.getByRole("textbox", { name: 'Add a subtask to "Picnic"' });
  await expect(add).toBeVisible();
  await expect(row.getByText("Loading the subtasks…")).toHaveCount(0);
  // From now on the checklist is not read again until the end: only the create's answer can make the item real.
  let release!: () => void;
  const released = new Promise<void>((resolve) => (release = resolve));
  await page.route(
    (url) => url.pathname.includes("subtask.list"),
    async (route) => {
      await released;
      await route.continue().catch(() => {}); // the page may no longer want it
    },
  );
  await add.fill("Bread");
  await add.press("Enter");
  const box = row.getByRole("checkbox", { name: 'Mark "Bread" as done' });
  await expect(box).toBeEnabled();
  await box.click();
  await expect(row.getByRole("checkbox", { name: 'Mark "Bread" as not done' })).toBeChecked();
  await settled(page);
  release();
  await page.unrouteAll({ behavior: "wait" });
  await reload(page);
  await expect(row.getByTestId("subtask-count")).toContainText("1/1");
});

test("a double-clicked subtask box ticks and unticks, as a plain checkbox does, and the server agrees", async ({ signedIn: page }) => {
  await addTask(page, "Laundry");
  const row = item(page, "Laundry");
  await row.getByRole("button", { name: /Edit details/ }).click();
  const add = row.getByRole("textbox", { name: 'Add a subtask to "Laundry"' });
  await add.fill("Whites");
  await add.press("Enter");
  await settled(page);
  await row.getByRole("checkbox", { name: 'Mark "Whites" as done' }).dblclick();
  await settled(page);
  await expect(row.getByRole("checkbox", { name: 'Mark "Whites" as done' })).not.toBeChecked();
  await expect(row.getByTestId("subtask-count")).toContainText("0/1");
  await reload(page);
  await row.getByRole("button", { name: /Edit details/ }).click();
  await expect(row.getByRole("checkbox", { name: 'Mark "Whites" as done' })).not.toBeChecked();
});

test("a task's details and its checklist open offline once the page has been idle: both were fetched then", async ({ signedIn: page, context }) => {
  await addTask(page, "Tickets");
  // Every script the page asks for is followed until none is in flight, the idle prefetch's among them,
  // from a load that starts after the following does: a request begun before it would never be seen ending.
  const inFlight = new Set<Request>();
  let lastChange = Date.now();
  page.on("request", (request) => {
    if (request.resourceType() !== "script") return;
    inFlight.add(request);
    lastChange = Date.now();
  });
  const ended = (request: Request) => {
    if (inFlight.delete(request)) lastChange = Date.now();
  };
  page.on("requestfinished", ended);
  page.on("requestfailed", ended);
  await reload(page);
  await expect(item(page, "Tickets")).toBeVisible();
  await page.evaluate(() => new Promise((resolve) => requestIdleCallback(resolve, { timeout: 5_000 })));
  await expect.poll(() => inFlight.size === 0 && Date.now() - lastChange > 1_000, { timeout: 10_000 }).toBe(true);

  await context.setOffline(true);
  const row = item(page, "Tickets");
  await row.getByRole("button", { name: /Edit details/ }).click();
  await expect(row.getByRole("textbox", { name: 'Add a subtask to "Tickets"' })).toBeVisible();
  await expect(row.getByText("The subtasks could not be loaded")).toHaveCount(0);
  // Its items were never read: it says why they are not there, and reads them once back online.
  await expect(row.getByText("Offline: the subtasks show once the connection is back.")).toBeVisible();
  await context.setOffline(false);
  await expect(row.getByText("Offline: the subtasks show")).toHaveCount(0);
  await expect(row.getByText("Loading the subtasks…")).toHaveCount(0);
});
