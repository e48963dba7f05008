'use client';
/**
 * The room's place in the header, mounted once in the navigation bar: nothing in a browser that has not
 * joined a room; otherwise the room sync and its status (./RoomSyncStatus.tsx, loaded on demand) and a
 * link to the participant's private "your biases" view (/room/me).
 */
import dynamic from 'next/dynamic';
import { AppLink } from '@/components/ui/AppLink';
import { useRoomIdentity } from './roomIdentity';

const RoomSyncStatus = dynamic(() => import('./RoomSyncStatus').then((m) => m.RoomSyncStatus), {
  ssr: false,
});

export function RoomStatus() {
  const identity = useRoomIdentity();
  if (!identity) return null;
  return (
    <>
      <RoomSyncStatus identity={identity} />
      <AppLink href="/room/me" className="text-xs underline" data-testid="room-biases-link">
        Your biases
      </AppLink>
    </>
  );
}
