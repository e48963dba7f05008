'use client';
/**
 * The room's place in the header, mounted once in the navigation bar: nothing in a browser that has not
 * joined a room; otherwise the room sync and its status (./RoomSyncStatus.tsx, loaded on demand).
 */
import dynamic from 'next/dynamic';
import { useRoomIdentity } from './roomIdentity';

const RoomSyncStatus = dynamic(() => import('./RoomSyncStatus').then((m) => m.RoomSyncStatus), {
  ssr: false,
});

export function RoomStatus() {
  const identity = useRoomIdentity();
  return identity ? <RoomSyncStatus identity={identity} /> : null;
}
