import type { TRPCClient } from "@trpc/client";
import { describe, expectTypeOf, it } from "vitest";
import type { TaskClient } from "@/client/task-client";
import type { AuthUser } from "@/server/trpc/context";
import type { AppRouter, RouterInputs, RouterOutputs } from "@/server/trpc/routers/_app";

/** The types TypeScript clients rely on: changing any of these is a breaking API change. */
describe("API contract types", () => {
  type Task = RouterOutputs["task"]["byId"];

  it("Task has the documented shape, with real Dates (superjson)", () => {
    expectTypeOf<Task>().toEqualTypeOf<{
      id: string;
      title: string;
      notes: string | null;
      completed: boolean;
      priority: "none" | "low" | "medium" | "high";
      dueDate: Date | null;
      dueHasTime: boolean;
      createdAt: Date;
      updatedAt: Date;
      completedAt: Date | null;
      listId: string | null;
      subtasks: { done: number; total: number };
      labelIds: string[];
      position: string;
      repeat: { rule: string; fromCompletion: boolean; timeZone: string; text: string } | null;
    }>();
  });

  it("procedures return what the contract says", () => {
    expectTypeOf<RouterOutputs["user"]["me"]>().toEqualTypeOf<AuthUser>();
    expectTypeOf<RouterOutputs["task"]["list"]>().toEqualTypeOf<{ items: Task[]; nextCursor: string | null }>();
    expectTypeOf<RouterOutputs["task"]["create"]>().toEqualTypeOf<Task>();
    expectTypeOf<RouterOutputs["task"]["update"]>().toEqualTypeOf<Task>();
    expectTypeOf<RouterOutputs["task"]["delete"]>().toEqualTypeOf<{ id: string }>();
    expectTypeOf<RouterOutputs["task"]["restore"]>().toEqualTypeOf<Task>();
    expectTypeOf<RouterOutputs["task"]["toggleAll"]>().toEqualTypeOf<{ count: number }>();
    expectTypeOf<RouterOutputs["task"]["clearCompleted"]>().toEqualTypeOf<{ count: number }>();
    expectTypeOf<RouterOutputs["task"]["stats"]>().toEqualTypeOf<{ total: number; active: number; completed: number; overdue: number }>();
  });

  it("inputs never carry a user id", () => {
    expectTypeOf<RouterInputs["task"]["create"]>().not.toHaveProperty("userId");
    expectTypeOf<RouterInputs["task"]["update"]>().not.toHaveProperty("userId");
    expectTypeOf<NonNullable<RouterInputs["task"]["list"]>>().not.toHaveProperty("userId");
  });

  it("a typed client rejects wrong inputs and unknown procedures at compile time", () => {
    const client = {} as TRPCClient<AppRouter>;
    // Only type-checked, never run.
    const check = () => {
      // @ts-expect-error title must be a string
      void client.task.create.mutate({ title: 42 });
      // @ts-expect-error id is required
      void client.task.update.mutate({ title: "x" });
      // @ts-expect-error unknown filter
      void client.task.list.query({ filter: "deleted" });
      // @ts-expect-error no such procedure
      void client.task.archive.mutate({ id: "x" });
    };
    expectTypeOf(check).toBeFunction();
  });

  it("the Node client (createTaskClient) is typed from AppRouter and adds signOut", () => {
    expectTypeOf<Awaited<ReturnType<TaskClient["task"]["byId"]["query"]>>>().toEqualTypeOf<Task>();
    expectTypeOf<TaskClient["signOut"]>().toEqualTypeOf<() => Promise<void>>();
    const client = {} as TaskClient;
    const check = () => {
      // @ts-expect-error priority must be one of the four
      void client.task.create.mutate({ title: "x", priority: "urgent" });
    };
    expectTypeOf(check).toBeFunction();
  });
});
