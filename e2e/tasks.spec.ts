import { expect, test } from "@playwright/test";
import { addTask, item, PASSWORD, reload, settled, signUp } from "./fixtures";

test("a signed-out visitor is sent to sign-in", async ({ page }) => {
  await page.goto("/");
  await expect(page).toHaveURL(/\/sign-in$/);
  await expect(page.getByRole("heading", { name: "Sign in" })).toBeVisible();
});

test("sign up, add, complete, rename, delete, reload, sign out", async ({ page }) => {
  await signUp(page, "Alice");
  await expect(page.getByText("No tasks yet")).toBeVisible();
  await expect(page.getByText("Alice")).toBeVisible();

  await addTask(page, "Buy milk");
  await addTask(page, "Write report");
  await addTask(page, "Call mom");
  await expect(page.getByTestId("task-item")).toHaveText([/Buy milk/, /Write report/, /Call mom/]);
  await expect(page.locator(".todo-count")).toHaveText("3 items left");

  await item(page, "Write report").getByRole("checkbox").check();
  await expect(item(page, "Write report")).toHaveClass(/completed/);
  await expect(page.locator(".todo-count")).toHaveText("2 items left");

  await item(page, "Buy milk").getByText("Buy milk").dblclick();
  const edit = page.getByRole("textbox", { name: 'Rename "Buy milk"' });
  await edit.fill("Buy oat milk");
  await edit.press("Enter");
  await expect(item(page, "Buy oat milk")).toBeVisible();

  await item(page, "Call mom").getByRole("button", { name: /Delete/ }).click();
  await expect(item(page, "Call mom")).toHaveCount(0);
  await expect(page.locator(".todo-count")).toHaveText("1 item left");

  await reload(page);
  await expect(page.getByTestId("task-item")).toHaveText([/Buy oat milk/, /Write report/]);
  await expect(item(page, "Write report").getByRole("checkbox")).toBeChecked();
  await expect(page.locator(".todo-count")).toHaveText("1 item left");

  await page.getByRole("link", { name: "Completed" }).click();
  await expect(page.getByTestId("task-item")).toHaveText([/Write report/]);
  await page.getByRole("button", { name: "Clear completed" }).click();
  await expect(page.getByText("No completed tasks yet.")).toBeVisible();

  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/sign-in$/);
  await page.goto("/");
  await expect(page).toHaveURL(/\/sign-in$/);
});

test("a second user in another browser context does not see the first user's tasks", async ({ browser }) => {
  const alice = await browser.newContext();
  const bob = await browser.newContext();
  try {
    const a = await alice.newPage();
    await signUp(a, "Alice");
    await addTask(a, "Alice's private task");

    const b = await bob.newPage();
    await signUp(b, "Bob");
    await expect(b.getByText("No tasks yet")).toBeVisible();
    await addTask(b, "Bob's task");
    await expect(b.getByTestId("task-item")).toHaveText([/Bob's task/]);

    await reload(a);
    await expect(a.getByTestId("task-item")).toHaveText([/Alice's private task/]);
  } finally {
    await alice.close();
    await bob.close();
  }
});

test("sign in again after signing out; a wrong password shows a readable error", async ({ page }) => {
  const { email } = await signUp(page);
  await addTask(page, "Still here");
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/sign-in$/);

  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill("not the password at all");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.locator("form").getByRole("alert")).toContainText(/invalid email or password/i);

  await page.getByLabel("Password").fill(PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(item(page, "Still here")).toBeVisible();
});

test("what is typed before the page is interactive is kept and sent", async ({ page }) => {
  // The page's scripts are held back: the form is rendered and takes typing, but is not hydrated yet.
  let release = () => {};
  const scriptsHeld = new Promise<void>((resolve) => (release = resolve));
  await page.route(/\/_next\/static\/chunks\/.*\.js$/, async (route) => {
    await scriptsHeld;
    await route.continue();
  });
  await page.goto("/sign-in", { waitUntil: "commit" });
  await page.getByLabel("Email").fill("nobody@example.com");
  await page.getByLabel("Password").fill("not the password at all");
  await expect(page.getByRole("button", { name: "Sign in" })).toBeDisabled(); // no native submit meanwhile
  release();
  await page.getByRole("button", { name: "Sign in" }).click();
  // The server answered: both fields were sent (a lost email would be stopped by the form itself).
  await expect(page.locator("form").getByRole("alert")).toContainText(/invalid email or password/i);
  await expect(page.getByLabel("Email")).toHaveValue("nobody@example.com");
});

test("forms show field errors before sending anything", async ({ page }) => {
  await page.goto("/sign-up");
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page.getByText("Enter your name.")).toBeVisible();
  await expect(page.getByText("Enter your email address.")).toBeVisible();
  await expect(page.getByText("Enter your password.")).toBeVisible();

  await page.getByLabel("Email").fill("not-an-email");
  await page.getByLabel("Password").fill("short");
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page.getByText("Enter a valid email address.")).toBeVisible();
  await expect(page.getByText(/Use at least 12 characters/)).toBeVisible();
  await expect(page).toHaveURL(/\/sign-up$/);
});

test("the API is called with a Bearer JWT, refreshed once and retried after a 401", async ({ page }) => {
  await signUp(page);
  await addTask(page, "Before");
  await settled(page);

  // The next create is answered 401 (as for an expired token): the client must drop its token,
  // fetch a new one once, and retry.
  let creates = 0;
  await page.route("**/api/trpc/task.create**", async (route) => {
    creates += 1;
    if (creates > 1) return route.continue();
    const error = { message: "Access token expired", code: -32001, data: { code: "UNAUTHORIZED", httpStatus: 401 } };
    await route.fulfill({ status: 401, contentType: "application/json", body: JSON.stringify({ error: { json: error } }) });
  });
  let tokenFetches = 0;
  const authHeaders: string[] = [];
  page.on("request", (req) => {
    if (req.url().endsWith("/api/auth/token")) tokenFetches += 1;
    if (req.url().includes("/api/trpc/")) authHeaders.push(req.headers()["authorization"] ?? "");
  });

  await addTask(page, "After a 401");
  await settled(page);
  expect(creates).toBe(2);
  expect(tokenFetches).toBe(1);
  expect(authHeaders.length).toBeGreaterThanOrEqual(2);
  expect(authHeaders.every((h) => /^Bearer [\w-]+\.[\w-]+\.[\w-]+$/.test(h))).toBe(true);
  await reload(page);
  await expect(item(page, "After a 401")).toBeVisible();
});

test("the first page is rendered on the server with its data: no loading state, no API call on load", async ({ page }) => {
  await signUp(page);
  await addTask(page, "Rendered by the server");
  await addTask(page, "Also rendered");
  await settled(page);

  const html = await (await page.request.get("/")).text();
  expect(html).toContain("Rendered by the server");
  expect(html).toContain("Also rendered");
  expect(html).not.toContain("Loading tasks");

  // A new tab: the first one's refetches after its changes cannot be counted against this load.
  await settled(page);
  const fresh = await page.context().newPage();
  const apiCalls: string[] = [];
  fresh.on("request", (req) => {
    // The live-sync stream (sync.changes) opens a moment later and fetches no data.
    if (req.url().includes("/api/") && !req.url().includes("/api/trpc/sync.changes")) apiCalls.push(req.url());
  });
  await fresh.goto("/");
  await expect(item(fresh, "Rendered by the server")).toBeVisible();
  await expect(fresh.locator(".new-todo")).toBeEnabled();
  await fresh.waitForTimeout(500);
  expect(apiCalls).toEqual([]);
});
