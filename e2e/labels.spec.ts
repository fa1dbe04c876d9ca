/** Labels: made, given to tasks in the details, shown on rows, filtered by in the URL, renamed, recoloured and deleted in the sidebar. */
import { addTask, expect, expectAccessible, item, reload, rowAction, settled, test } from "./fixtures";

test("make labels, put them on tasks, filter by one (in the URL), rename, recolour and delete it", async ({ signedIn: page }) => {
  const labels = page.getByRole("navigation", { name: "Labels" });
  await expect(labels.getByText("No labels yet: name one below.")).toBeVisible();
  const newLabel = labels.getByRole("textbox", { name: "New label" });
  await newLabel.fill("two words");
  await newLabel.press("Enter");
  await expect(labels.getByRole("alert")).toHaveText("Label name must not contain spaces or #");
  for (const name of ["home", "#urgent"]) {
    await newLabel.fill(name);
    await newLabel.press("Enter");
  }
  await expect(labels.getByTestId("label-item")).toHaveText([/#home\s*, 0 open/, /#urgent\s*, 0 open/]);

  for (const title of ["Fix the tap", "Pay rent", "Call mum"]) await addTask(page, title);
  const tap = item(page, "Fix the tap");
  await tap.getByRole("button", { name: /Edit details/ }).click();
  await tap.getByRole("checkbox", { name: "#home" }).check();
  await tap.getByRole("checkbox", { name: "#urgent" }).check();
  await tap.getByRole("button", { name: "Save" }).click();
  await expect(tap.getByTestId("task-label")).toHaveText(["#home", "#urgent"]);
  const rent = item(page, "Pay rent");
  await rent.getByRole("button", { name: /Edit details/ }).click();
  await rent.getByRole("checkbox", { name: "#urgent" }).check();
  await rent.getByRole("button", { name: "Save" }).click();
  await settled(page);

  // The filter: in the URL, with the counts of what it shows; a new task in it gets the label.
  await labels.getByRole("link", { name: /#urgent/ }).click();
  await expect(page).toHaveURL(/label=/);
  const titles = page.locator(".todo-list li .view label");
  await expect(titles).toHaveText(["Fix the tap", "Pay rent"]);
  await expect(page.locator(".todo-count")).toContainText("2");
  await addTask(page, "Buy a plunger");
  await expect(item(page, "Buy a plunger").getByTestId("task-label")).toHaveText(["#urgent"]);
  await expectAccessible(page);
  await settled(page);
  await reload(page);
  await expect(titles).toHaveText(["Fix the tap", "Pay rent", "Buy a plunger"]);
  await expect(labels.getByRole("link", { name: /#urgent/ })).toHaveAttribute("aria-current", "page");

  // Taking the label off a task in this view takes it out of the view.
  await rent.getByRole("button", { name: /Edit details/ }).click();
  await rent.getByRole("checkbox", { name: "#urgent" }).uncheck();
  await rent.getByRole("button", { name: "Save" }).click();
  await expect(titles).toHaveText(["Fix the tap", "Buy a plunger"]);

  // Rename and recolour.
  await rowAction(labels, "Actions for the label urgent", "Edit the label urgent");
  await labels.getByRole("textbox", { name: "New name for the label urgent" }).fill("asap");
  await labels.getByRole("combobox", { name: "Colour of the label urgent" }).selectOption("red");
  await labels.getByRole("button", { name: "Save" }).click();
  await expect(tap.getByTestId("task-label")).toHaveText(["#asap", "#home"]);
  await expect(tap.getByTestId("task-label").first()).toHaveClass(/bg-red-100/);

  // Delete: confirmed, it comes off its tasks, which stay; the view goes back to any label.
  await rowAction(labels, "Actions for the label asap", "Delete the label asap");
  await expect(page.getByRole("alertdialog", { name: "Delete the label asap" })).toContainText("It comes off its 2 tasks, which stay.");
  await page.getByRole("alertdialog").getByRole("button", { name: "Delete" }).click();
  await expect(page).not.toHaveURL(/label=/);
  await expect(titles).toHaveText(["Fix the tap", "Pay rent", "Call mum", "Buy a plunger"]);
  await expect(tap.getByTestId("task-label")).toHaveText(["#home"]);
});
