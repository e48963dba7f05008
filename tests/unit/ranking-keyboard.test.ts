// components/rank/keyboard-coordinates.ts: with cards of very different heights, one arrow key moves the
// lifted card exactly one position (checked with dnd-kit's own closestCenter collision detection).
import { describe, expect, it } from 'vitest';
import { closestCenter, type ClientRect, type UniqueIdentifier } from '@dnd-kit/core';
import { positionKeyboardCoordinates } from '../../components/rank/keyboard-coordinates';

type Getter = typeof positionKeyboardCoordinates;
type Args = Parameters<Getter>[1];

// Four cards stacked with 12 px gaps: short, very tall, short, medium.
const HEIGHTS = [80, 400, 80, 200];
const ids = ['a', 'b', 'c', 'd'];
const rects = new Map<UniqueIdentifier, ClientRect>();
let y = 0;
HEIGHTS.forEach((h, i) => {
  rects.set(ids[i], { top: y, left: 0, width: 600, height: h, bottom: y + h, right: 600 });
  y += h + 12;
});
const containers = ids.map((id, index) => ({
  id,
  key: id,
  disabled: false,
  node: { current: null },
  rect: { current: rects.get(id)! },
  data: { current: { sortable: { containerId: 'list', index, items: ids } } },
}));

function context(activeId: string, overId: string | null, collisionRect: ClientRect): Args {
  const map = new Map(containers.map((c) => [c.id, c]));
  const droppableContainers = Object.assign(map, { getEnabled: () => containers });
  return {
    active: null as never,
    currentCoordinates: { x: collisionRect.left, y: collisionRect.top },
    context: {
      active: { id: activeId, data: { current: containers[ids.indexOf(activeId)].data.current } },
      over: overId ? { id: overId } : null,
      collisionRect,
      droppableContainers,
      droppableRects: rects,
    },
  } as unknown as Args;
}

function key(code: string) {
  return { code, preventDefault: () => {} } as unknown as KeyboardEvent;
}

/** Where the lifted card lands after one key: the id closestCenter picks. */
function landAfter(code: string, activeId: string, overId: string): UniqueIdentifier | undefined {
  const size = rects.get(activeId)!;
  const overRect = rects.get(overId)!;
  // The dragged rect currently sits over `overId` (centred on it).
  const at = overRect.top + overRect.height / 2 - size.height / 2;
  const collisionRect = { ...size, top: at, bottom: at + size.height };
  const next = positionKeyboardCoordinates(key(code), context(activeId, overId, collisionRect));
  if (!next) return undefined;
  const moved = {
    ...size,
    top: next.y,
    left: next.x,
    bottom: next.y + size.height,
    right: next.x + size.width,
  };
  const hits = closestCenter({
    active: { id: activeId } as never,
    collisionRect: moved,
    droppableRects: rects,
    droppableContainers: containers as never,
    pointerCoordinates: null,
  });
  return hits[0]?.id;
}

describe('positionKeyboardCoordinates', () => {
  it('steps a short card down one position at a time past a very tall one', () => {
    expect(landAfter('ArrowDown', 'a', 'a')).toBe('b');
    expect(landAfter('ArrowDown', 'a', 'b')).toBe('c');
    expect(landAfter('ArrowDown', 'a', 'c')).toBe('d');
  });

  it('steps the very tall card up one position at a time', () => {
    expect(landAfter('ArrowUp', 'b', 'b')).toBe('a');
    expect(landAfter('ArrowUp', 'd', 'd')).toBe('c');
    expect(landAfter('ArrowUp', 'd', 'c')).toBe('b');
  });

  it('does nothing past either end or for other keys', () => {
    expect(landAfter('ArrowUp', 'a', 'a')).toBeUndefined();
    expect(landAfter('ArrowDown', 'b', 'd')).toBeUndefined();
    expect(landAfter('ArrowRight', 'a', 'a')).toBeUndefined();
  });

  it('centres the dragged rect on the neighbour (hand-computed: b spans 92–492, a is 80 high → top 252)', () => {
    const a = rects.get('a')!;
    const next = positionKeyboardCoordinates(key('ArrowDown'), context('a', 'a', a));
    expect(next).toEqual({ x: 0, y: 92 + 200 - 40 });
  });
});
