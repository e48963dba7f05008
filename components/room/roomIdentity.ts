'use client';
/**
 * The room identity this browser remembers (participant id, name, token, room dataset, the calibration
 * pairs it labels first, origin), in localStorage so a reload keeps who you are in the room and what you
 * label first. `useRoomIdentity` re-renders when it changes in this tab (a join) or another one (the
 * `storage` event).
 */
import { useSyncExternalStore } from 'react';
import { parseRoomIdentity, type RoomIdentity } from '@/lib/core/room/participant';

const KEY = 'goodhart-room-identity';
const CHANGED = 'goodhart-room-identity-changed';

function rawIdentity(): string | null {
  try {
    return localStorage.getItem(KEY);
  } catch {
    return null;
  }
}

let cached: { raw: string | null; identity: RoomIdentity | null } = { raw: null, identity: null };

/** The remembered identity, or null (none, or not readable as one). */
export function loadRoomIdentity(): RoomIdentity | null {
  const raw = rawIdentity();
  if (raw !== cached.raw) cached = { raw, identity: parseRoomIdentity(raw) };
  return cached.identity;
}

/** Remember the identity the room issued; throws if the browser refuses to store it. */
export function saveRoomIdentity(identity: RoomIdentity): void {
  localStorage.setItem(KEY, JSON.stringify(identity));
  window.dispatchEvent(new Event(CHANGED));
}

/** Forget the room identity (the labels stay in IndexedDB). */
export function clearRoomIdentity(): void {
  localStorage.removeItem(KEY);
  window.dispatchEvent(new Event(CHANGED));
}

function subscribe(onChange: () => void): () => void {
  window.addEventListener(CHANGED, onChange);
  window.addEventListener('storage', onChange);
  return () => {
    window.removeEventListener(CHANGED, onChange);
    window.removeEventListener('storage', onChange);
  };
}

/** The remembered identity, live; null on the server render and when there is none. */
export function useRoomIdentity(): RoomIdentity | null {
  return useSyncExternalStore(subscribe, loadRoomIdentity, () => null);
}
