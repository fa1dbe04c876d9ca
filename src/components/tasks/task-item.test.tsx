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
  listId: null,
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
    await user.selectOptions(screen.getByLabelText("Priority"), "high");
    await user.click(screen.getByRole("button", { name: "Save" }));
    expect(onEdit).toHaveBeenCalledWith({ priority: "high" });
  });

  it("refuses an empty title with a message and sends nothing", async () => {
    const { user, onEdit } = renderItem();
    await user.click(screen.getByRole("button", { name: /Edit details/ }));
    await user.clear(screen.getByLabelText("Title"));
    await user.click(screen.getByRole("button", { name: "Save" }));
    expect(screen.getByText("The title must not be empty.")).toBeTruthy();
    expect(onEdit).not.toHaveBeenCalled();
  });
});
