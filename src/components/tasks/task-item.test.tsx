// @vitest-environment happy-dom
import { act, cleanup, fireEvent, render, screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { afterEach, describe, expect, it, vi } from "vitest";
import { TaskItem } from "./task-item";
import type { TaskView } from "./use-task-actions";

const task = (fields: Partial<TaskView> = {}): TaskView => ({
  id: "t1",
  title: "Write report",
  notes: null,
  completed: false,
  priority: "none",
  dueDate: null,
  dueHasTime: false,
  listId: null,
  subtasks: { done: 0, total: 0 },
  labelIds: [],
  position: "a0",
  repeat: null,
  createdAt: new Date("2030-01-01T00:00:00Z"),
  updatedAt: new Date("2030-01-01T00:00:00Z"),
  completedAt: null,
  ...fields,
});

function renderItem(props: Partial<Parameters<typeof TaskItem>[0]> = {}) {
  const handlers = { onToggle: vi.fn(async () => {}), onEdit: vi.fn(), onDelete: vi.fn() };
  const view = render(
    <ul>
      <TaskItem task={task()} {...handlers} {...props} />
    </ul>,
  );
  return { ...handlers, ...props, view, user: userEvent.setup() };
}

afterEach(cleanup);

describe("TaskItem editing (TodoMVC)", () => {
  it("double-click opens a focused edit field holding the title, hiding the other controls", async () => {
    const { user, view } = renderItem();
    await user.dblClick(screen.getByText("Write report"));
    const field = screen.getByRole("textbox", { name: 'Rename "Write report"' });
    expect(field).toHaveProperty("value", "Write report");
    expect(document.activeElement).toBe(field);
    expect(view.container.querySelector("li")?.className).toMatch(/\bediting\b/);
    expect(screen.queryByRole("checkbox")).toBeNull();
    expect(screen.queryByRole("button", { name: /Delete/ })).toBeNull();
  });

  it("Enter saves the trimmed title once (the blur that follows does not save again)", async () => {
    const { user, onEdit } = renderItem();
    await user.dblClick(screen.getByText("Write report"));
    const field = screen.getByRole("textbox");
    await user.clear(field);
    await user.type(field, "  Final report  {Enter}");
    expect(onEdit).toHaveBeenCalledTimes(1);
    expect(onEdit).toHaveBeenCalledWith({ title: "Final report" });
  });

  // Chrome fires blur while removing the focused field, to the handler of the render that had the
  // draft; happy-dom does not, so the test sends that blur itself, before React re-renders.
  const keyThenBlur = (field: HTMLElement, key: string) =>
    act(() => {
      fireEvent.keyDown(field, { key });
      fireEvent.blur(field);
    });

  it("Escape discards, even though removing the field fires a blur", async () => {
    const { user, onEdit, onDelete } = renderItem();
    await user.dblClick(screen.getByText("Write report"));
    await user.type(screen.getByRole("textbox"), " changed");
    keyThenBlur(screen.getByRole("textbox"), "Escape");
    expect(onEdit).not.toHaveBeenCalled();
    expect(onDelete).not.toHaveBeenCalled();
    expect(screen.getByText("Write report")).toBeTruthy();
  });

  it("Enter followed by the removal blur saves once", async () => {
    const { user, onEdit } = renderItem();
    await user.dblClick(screen.getByText("Write report"));
    await user.type(screen.getByRole("textbox"), "!");
    keyThenBlur(screen.getByRole("textbox"), "Enter");
    expect(onEdit).toHaveBeenCalledTimes(1);
  });

  it("leaving the field saves; an unchanged title saves nothing", async () => {
    const { user, onEdit } = renderItem();
    await user.dblClick(screen.getByText("Write report"));
    await user.tab();
    expect(onEdit).not.toHaveBeenCalled();
    await user.dblClick(screen.getByText("Write report"));
    await user.type(screen.getByRole("textbox"), "!");
    await act(async () => (screen.getByRole("textbox") as HTMLInputElement).blur());
    expect(onEdit).toHaveBeenCalledWith({ title: "Write report!" });
  });

  it("an emptied title deletes the task", async () => {
    const { user, onDelete, onEdit } = renderItem();
    await user.dblClick(screen.getByText("Write report"));
    await user.clear(screen.getByRole("textbox"));
    await user.keyboard("{Enter}");
    expect(onDelete).toHaveBeenCalledTimes(1);
    expect(onEdit).not.toHaveBeenCalled();
  });
});

describe("TaskItem checkbox", () => {
  it("flips at once and holds its new state until the change settles", async () => {
    let settle!: () => void;
    const onToggle = vi.fn(() => new Promise<void>((resolve) => (settle = resolve)));
    const { user } = renderItem({ onToggle });
    const box = screen.getByRole("checkbox") as HTMLInputElement;
    await user.click(box);
    expect(onToggle).toHaveBeenCalledWith(true);
    expect(box.checked).toBe(true);
    // The server refused and the list still says "not completed": once settled, the box follows the list.
    await act(async () => settle());
    expect(box.checked).toBe(false);
  });
});

describe("TaskItem details", () => {
  it("sends only the fields that changed", async () => {
    const { user, onEdit } = renderItem({ task: task({ notes: "old notes", priority: "low" }) });
    await user.click(screen.getByRole("button", { name: /Edit details/ }));
    await user.selectOptions(await screen.findByLabelText("Priority"), "high"); // the panel loads on first use
    await user.click(screen.getByRole("button", { name: "Save" }));
    expect(onEdit).toHaveBeenCalledWith({ priority: "high" });
  });

  it("refuses an empty title with a message and sends nothing", async () => {
    const { user, onEdit } = renderItem();
    await user.click(screen.getByRole("button", { name: /Edit details/ }));
    await user.clear(await screen.findByLabelText("Title"));
    await user.click(screen.getByRole("button", { name: "Save" }));
    expect(screen.getByText("The title must not be empty.")).toBeTruthy();
    expect(onEdit).not.toHaveBeenCalled();
  });
});

describe("TaskItem: no lost or destroyed data from a hasty click", () => {
  it("a double-clicked Save saves once and never deletes the task that Delete moved under the pointer", async () => {
    const { user, onEdit, onDelete } = renderItem();
    await user.click(screen.getByRole("button", { name: 'Edit details of "Write report"' }));
    await user.type(await screen.findByLabelText("Notes"), "Call Ann");
    const save = screen.getByRole("button", { name: "Save" });
    fireEvent.click(save, { detail: 1 });
    // The panel closed; the second click of the double click lands where Delete now is.
    const remove = screen.getByRole("button", { name: 'Delete "Write report"' });
    fireEvent.click(remove, { detail: 2 });
    // Even a separate click, just after the layout changed under the pointer, is ignored.
    fireEvent.click(remove, { detail: 1 });
    expect(onEdit).toHaveBeenCalledTimes(1);
    expect(onEdit).toHaveBeenCalledWith({ notes: "Call Ann" });
    expect(onDelete).not.toHaveBeenCalled();
  });

  it("Delete works once the layout has settled, and from the keyboard at once", async () => {
    vi.useFakeTimers({ toFake: ["performance"] });
    try {
      const { onDelete } = renderItem();
      fireEvent.click(screen.getByRole("button", { name: 'Edit details of "Write report"' }));
      fireEvent.click(await screen.findByRole("button", { name: "Cancel" }));
      const remove = screen.getByRole("button", { name: 'Delete "Write report"' });
      fireEvent.click(remove, { detail: 0 }); // Enter or Space on the focused button
      expect(onDelete).toHaveBeenCalledTimes(1);
      fireEvent.click(remove, { detail: 1 });
      expect(onDelete).toHaveBeenCalledTimes(1);
      vi.advanceTimersByTime(1_000);
      fireEvent.click(remove, { detail: 1 });
      expect(onDelete).toHaveBeenCalledTimes(2);
    } finally {
      vi.useRealTimers();
    }
  });

  it("after Save or Cancel the focus returns to the row's Edit button, not the page", async () => {
    const { user } = renderItem();
    const edit = screen.getByRole("button", { name: 'Edit details of "Write report"' });
    await user.click(edit);
    await user.click(screen.getByRole("button", { name: "Cancel" }));
    expect(document.activeElement).toBe(edit);
    await user.click(edit);
    await user.click(screen.getByRole("button", { name: "Save" }));
    expect(document.activeElement).toBe(edit);
  });

  it("after Enter in the rename field the focus returns to the row's checkbox", async () => {
    const { user } = renderItem();
    await user.dblClick(screen.getByText("Write report"));
    await user.type(screen.getByRole("textbox"), " v2{Enter}");
    expect(document.activeElement).toBe(screen.getByRole("checkbox"));
  });

  it("notes over the limit are kept as pasted, counted, and not saved until shortened", async () => {
    const { user, onEdit } = renderItem();
    await user.click(screen.getByRole("button", { name: 'Edit details of "Write report"' }));
    const notes = screen.getByLabelText("Notes");
    fireEvent.change(notes, { target: { value: "x".repeat(12_000) } });
    expect((notes as HTMLTextAreaElement).value).toHaveLength(12_000);
    expect(screen.getByText("12,000 / 10,000 characters: 2,000 too many")).toBeTruthy();
    await user.click(screen.getByRole("button", { name: "Save" }));
    expect(onEdit).not.toHaveBeenCalled();
    expect(screen.getByRole("alert").textContent).toBe("The notes must be at most 10,000 characters: shorten them to save.");
    fireEvent.change(notes, { target: { value: "x".repeat(10_000) } });
    await user.click(screen.getByRole("button", { name: "Save" }));
    expect(onEdit).toHaveBeenCalledWith({ notes: "x".repeat(10_000) });
  });

  it("a renamed title over the limit stays in the field with its count instead of being cut", async () => {
    const { user, onEdit } = renderItem();
    await user.dblClick(screen.getByText("Write report"));
    const field = screen.getByRole("textbox");
    fireEvent.change(field, { target: { value: "y".repeat(501) } });
    fireEvent.keyDown(field, { key: "Enter" });
    expect(onEdit).not.toHaveBeenCalled();
    expect((screen.getByRole("textbox") as HTMLInputElement).value).toHaveLength(501);
    expect(screen.getByText("501 / 500 characters: 1 too many")).toBeTruthy();
  });

  it("user text is isolated from the page's direction (a U+202E in a title cannot reverse the row)", () => {
    renderItem({ task: task({ title: "\u202Egnp.exe" }) });
    const title = screen.getByText("\u202Egnp.exe");
    expect(title.tagName).toBe("BDI");
  });
});
