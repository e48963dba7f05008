'use client';
/**
 * The room sync and the header's status line for it ("Room: connected", "Room: 3 labels waiting",
 * "Room: offline — 3 labels waiting"). Loaded by ./RoomStatus.tsx only in a browser that joined a room,
 * so pages elsewhere never load Yjs.
 */
import { useLabStore } from '@/lib/store';
import type { RoomIdentity } from '@/lib/core/room/participant';
import { useRoomSync } from './useRoomSync';

export function RoomSyncStatus({ identity }: { identity: RoomIdentity }) {
  const storageReady = useLabStore((s) => s.storageReady);
  const text = useRoomSync(identity, storageReady);
  if (!text) return null;
  return (
    <p
      role="status"
      data-testid="room-status"
      className="rounded-full border border-slate-300 px-3 py-1 text-xs text-slate-800 dark:border-slate-700 dark:text-slate-100"
    >
      {text}
    </p>
  );
}
