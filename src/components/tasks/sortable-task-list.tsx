"use client";

import { DndContext, KeyboardSensor, PointerSensor, closestCenter, useSensor, useSensors, type Announcements, type DragEndEvent } from "@dnd-kit/core";
import { SortableContext, sortableKeyboardCoordinates, useSortable, verticalListSortingStrategy } from "@dnd-kit/sortable";
import { CSS } from "@dnd-kit/utilities";
import type { ReactNode } from "react";
import { isolate } from "@/shared/text";
import type { SortableRow } from "./task-item";
import type { TaskView } from "./use-task-actions";

export interface SortableTaskListProps {
  tasks: readonly TaskView[];
  /** Each row's React key (stable while a new task is being created). */
  keyOf: (task: TaskView) => string;
  /** A task dropped in a new place: right after `after` (`null`: first). */
  onMove: (task: TaskView, after: TaskView | null) => void;
  renderRow: (task: TaskView, sortable: SortableRow) => ReactNode;
}

/**
 * The task list in My order with drag and drop (dnd-kit): drag a row by its handle, or focus the handle
 * and press Space, the arrow keys and Space again; every step is announced. Loaded only when My order is
 * on screen: no other view needs the library.
 */
export function SortableTaskList({ tasks, keyOf, onMove, renderRow }: SortableTaskListProps) {
  // A small distance before a drag starts, so a click on the handle stays a click (and touch can scroll).
  const sensors = useSensors(
    useSensor(PointerSensor, { activationConstraint: { distance: 4 } }),
    useSensor(KeyboardSensor, { coordinateGetter: sortableKeyboardCoordinates }),
  );
  const byKey = new Map(tasks.map((task) => [keyOf(task), task]));
  const keys = tasks.map(keyOf);
  const titleOf = (key: string | number | undefined) => `"${isolate(byKey.get(String(key))?.title ?? "")}"`;
  const place = (key: string | number) => `position ${keys.indexOf(String(key)) + 1} of ${keys.length}`;
  const announcements: Announcements = {
    onDragStart: ({ active }) => `Picked up ${titleOf(active.id)}, at ${place(active.id)}.`,
    onDragOver: ({ active, over }) => (over ? `${titleOf(active.id)} is over ${place(over.id)}.` : `${titleOf(active.id)} is no longer over the list.`),
    onDragEnd: ({ active, over }) => (over ? `Moved ${titleOf(active.id)} to ${place(over.id)}.` : `Put ${titleOf(active.id)} back.`),
    onDragCancel: ({ active }) => `Cancelled: ${titleOf(active.id)} is back at ${place(active.id)}.`,
  };

  function onDragEnd({ active, over }: DragEndEvent) {
    if (!over || active.id === over.id) return;
    const from = keys.indexOf(String(active.id));
    const to = keys.indexOf(String(over.id));
    const task = byKey.get(String(active.id));
    if (from < 0 || to < 0 || !task) return;
    const rest = tasks.filter((other) => other !== task);
    onMove(task, to === 0 ? null : rest[to - 1]!);
  }

  return (
    <DndContext sensors={sensors} collisionDetection={closestCenter} onDragEnd={onDragEnd} accessibility={{ announcements }}>
      <SortableContext items={keys} strategy={verticalListSortingStrategy}>
        <ul className="todo-list">
          {tasks.map((task) => (
            <SortableTask key={keyOf(task)} id={keyOf(task)} task={task} renderRow={renderRow} />
          ))}
        </ul>
      </SortableContext>
    </DndContext>
  );
}

function SortableTask({ id, task, renderRow }: { id: string; task: TaskView; renderRow: SortableTaskListProps["renderRow"] }) {
  const { attributes, listeners, setNodeRef, setActivatorNodeRef, transform, transition, isDragging } = useSortable({ id });
  const handle = (
    <button
      ref={setActivatorNodeRef}
      type="button"
      data-drag-handle=""
      {...attributes}
      {...listeners}
      aria-label={`Reorder "${task.title}"`}
      aria-keyshortcuts="Alt+ArrowUp Alt+ArrowDown"
      className="relative z-[1] -ml-2 flex size-6 shrink-0 cursor-grab touch-none items-center justify-center rounded text-slate-400 hover:bg-slate-100 hover:text-slate-700 active:cursor-grabbing dark:text-slate-500 dark:hover:bg-slate-800 dark:hover:text-slate-200"
    >
      <svg aria-hidden="true" viewBox="0 0 10 16" className="h-4 w-2.5 fill-current">
        {[2, 8, 14].flatMap((y) => [2, 8].map((x) => <circle key={`${x}-${y}`} cx={x} cy={y} r="1.5" />))}
      </svg>
    </button>
  );
  return renderRow(task, { ref: setNodeRef, style: { transform: CSS.Translate.toString(transform), transition }, handle, dragging: isDragging });
}
