// @vitest-environment happy-dom
import { cleanup, render, waitFor } from "@testing-library/react";
import { afterEach, describe, expect, it, vi } from "vitest";
import { LazyConfirmDialog } from "./lazy-confirm-dialog";

const { toastError } = vi.hoisted(() => ({ toastError: vi.fn() }));
vi.mock("@/lib/toast", () => ({ toast: { error: toastError } }));
// The dialog's chunk cannot be fetched (offline before the idle prefetch brought it).
vi.mock("./confirm-dialog", () => {
  throw new TypeError("Failed to fetch dynamically imported module");
});

afterEach(cleanup);

describe("LazyConfirmDialog", () => {
  it("when its code cannot be fetched, says so once and cancels: nothing is chosen for the user", async () => {
    const onCancel = vi.fn();
    const onSelect = vi.fn();
    const { container } = render(<LazyConfirmDialog label="Delete Work" title="Delete the list?" message="It has no tasks." choices={[{ text: "Delete", onSelect, danger: true }]} onCancel={onCancel} />);
    await waitFor(() => expect(onCancel).toHaveBeenCalledTimes(1));
    expect(toastError).toHaveBeenCalledTimes(1);
    expect(toastError).toHaveBeenCalledWith("This question could not be loaded: try again once the connection is back");
    expect(onSelect).not.toHaveBeenCalled();
    expect(container.innerHTML).toBe("");
  });
});
