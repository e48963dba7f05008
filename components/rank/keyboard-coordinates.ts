/**
 * A keyboard coordinate getter for dnd-kit's KeyboardSensor that moves the lifted card one POSITION per
 * arrow key. dnd-kit's own `sortableKeyboardCoordinates` steps by geometry and skips or sticks when the
 * items have different heights (clauderic/dnd-kit#137, #985) — which Markdown answers always do. This
 * one finds the neighbour by sortable index and centres the dragged rect on it, so `closestCenter`
 * collision detection picks exactly that neighbour (distance 0) whatever the heights.
 */
import { KeyboardCode, type KeyboardCoordinateGetter, type UniqueIdentifier } from '@dnd-kit/core';
import { hasSortableData } from '@dnd-kit/sortable';

/** Move the dragged item to the previous (↑) or next (↓) position; other keys do nothing. */
export const positionKeyboardCoordinates: KeyboardCoordinateGetter = (event, { context }) => {
  const step = event.code === KeyboardCode.Down ? 1 : event.code === KeyboardCode.Up ? -1 : 0;
  if (step === 0) return undefined;
  event.preventDefault();
  const { active, over, collisionRect, droppableContainers, droppableRects } = context;
  if (!active || !collisionRect) return undefined;
  const indexOf = (id: UniqueIdentifier): number | undefined => {
    const c = droppableContainers.get(id);
    return c && hasSortableData(c) ? c.data.current.sortable.index : undefined;
  };
  const from = indexOf(over?.id ?? active.id);
  if (from === undefined) return undefined;
  const target = droppableContainers
    .getEnabled()
    .find((c) => hasSortableData(c) && c.data.current.sortable.index === from + step);
  const rect = target ? droppableRects.get(target.id) : undefined;
  if (!rect) return undefined;
  return {
    x: rect.left + rect.width / 2 - collisionRect.width / 2,
    y: rect.top + rect.height / 2 - collisionRect.height / 2,
  };
};
