'use client';
/**
 * Room sync for a participant: the Yjs document `participant:<id>` over y-websocket on the page's own
 * origin (`/sync`, the token as a URL parameter). Local first: labeling writes IndexedDB as always; this
 * hook copies this participant's labels and skips on the room's dataset from IndexedDB (a live query)
 * into the document once it has synced with the server, on every connect and after every change, as
 * lib/core/room/sync-plan.ts decides. The browser's offline/online events close and reopen the socket.
 * Needs no service worker and no crypto.subtle (plain http on a LAN is not a secure context).
 */
import { useEffect, useMemo, useRef, useState } from 'react';
import { useLiveQuery } from 'dexie-react-hooks';
import * as Y from 'yjs';
import { WebsocketProvider } from 'y-websocket';
import { annotatorHistory, getAnnotator } from '@/lib/db/app';
import { LABELS_MAP, SKIPS_MAP, SYNC_PATH, participantDocName } from '@/lib/core/room/protocol';
import type { RoomIdentity } from '@/lib/core/room/participant';
import {
  CHUNK_INTERVAL_MS,
  firstChunk,
  isEmptyPlan,
  pendingCount,
  roomStatusText,
  syncPlan,
  syncServerUrl,
  type DocKeys,
  type RoomConnection,
} from '@/lib/core/room/sync-plan';

interface Live {
  doc: Y.Doc;
  connection: RoomConnection;
  synced: boolean;
  /** Bumped on every document update, so the keys are read again. */
  version: number;
}

const docKeys = (doc: Y.Doc): DocKeys => ({
  labels: new Set(doc.getMap(LABELS_MAP).keys()),
  skips: new Set(doc.getMap(SKIPS_MAP).keys()),
});

/** Runs the room sync for `identity` (none when null) and returns the header's status line, or null. */
export function useRoomSync(identity: RoomIdentity | null, storageReady: boolean): string | null {
  const pid = identity?.participantId ?? null;
  const datasetId = identity?.datasetId ?? null;
  const token = identity?.token ?? null;
  const ready = storageReady && pid !== null && datasetId !== null;
  const annotator = useLiveQuery(
    async () => (ready && pid ? { row: (await getAnnotator(pid)) ?? null } : null),
    [ready, pid],
  );
  const stored = useLiveQuery(async () => {
    if (!ready || !pid || !datasetId) return null;
    const h = await annotatorHistory(pid, datasetId);
    return { labels: h.comparisons, skips: h.skips };
  }, [ready, pid, datasetId]);
  const installed = Boolean(annotator?.row);
  const [live, setLive] = useState<Live | null>(null);

  useEffect(() => {
    if (!installed || !pid || !token) return;
    const doc = new Y.Doc();
    const provider = new WebsocketProvider(
      syncServerUrl(window.location, SYNC_PATH),
      participantDocName(pid),
      doc,
      { params: { token }, connect: navigator.onLine },
    );
    const update = (patch: Partial<Live>) =>
      setLive((prev) => ({
        ...(prev ?? { doc, connection: 'offline', synced: false, version: 0 }),
        ...patch,
      }));
    update({ connection: navigator.onLine ? 'connecting' : 'offline' });
    const onStatus = ({ status }: { status: 'connected' | 'disconnected' | 'connecting' }) =>
      update({
        connection: status === 'connected' ? 'connected' : status === 'connecting' ? 'connecting' : 'offline',
        synced: provider.synced,
      });
    const onSync = (isSynced: boolean) => update({ synced: isSynced });
    const onUpdate = () => setLive((prev) => (prev ? { ...prev, version: prev.version + 1 } : prev));
    const onOffline = () => {
      provider.disconnect();
      update({ connection: 'offline', synced: false });
    };
    const onOnline = () => {
      update({ connection: 'connecting' });
      provider.connect();
    };
    provider.on('status', onStatus);
    provider.on('sync', onSync);
    doc.on('update', onUpdate);
    window.addEventListener('offline', onOffline);
    window.addEventListener('online', onOnline);
    return () => {
      window.removeEventListener('offline', onOffline);
      window.removeEventListener('online', onOnline);
      provider.off('status', onStatus);
      provider.off('sync', onSync);
      doc.off('update', onUpdate);
      provider.destroy();
      doc.destroy();
      setLive(null);
    };
  }, [installed, pid, token]);

  const version = live?.version;
  const keys = useMemo(() => (live ? docKeys(live.doc) : null), [live, version]); // eslint-disable-line react-hooks/exhaustive-deps -- version marks a change inside the doc

  // Copy what the store has and the document lacks (and drop what an undo removed), once synced: one
  // message of at most CHUNK_RECORDS records at a time, CHUNK_INTERVAL_MS apart (the server's size and
  // rate limits); a document update re-runs this effect for the rest.
  const lastSent = useRef(0);
  const [tick, setTick] = useState(0);
  useEffect(() => {
    if (!live || !keys || !stored || live.connection !== 'connected' || !live.synced) return;
    const plan = syncPlan(stored, keys);
    if (isEmptyPlan(plan)) return;
    const wait = lastSent.current + CHUNK_INTERVAL_MS - Date.now();
    if (wait > 0) {
      const timer = setTimeout(() => setTick((t) => t + 1), wait);
      return () => clearTimeout(timer);
    }
    const { chunk } = firstChunk(plan, keys.labels.size + keys.skips.size);
    if (isEmptyPlan(chunk)) return; // the document is full, or what is left is too large to send
    lastSent.current = Date.now();
    const labels = live.doc.getMap(LABELS_MAP);
    const skips = live.doc.getMap(SKIPS_MAP);
    live.doc.transact(() => {
      for (const c of chunk.setLabels) labels.set(c.id, c);
      for (const s of chunk.setSkips) skips.set(s.id, s);
      for (const id of chunk.deleteLabels) labels.delete(id);
      for (const id of chunk.deleteSkips) skips.delete(id);
    });
  }, [live, keys, stored, tick]);

  if (!identity) return null;
  if (!storageReady || annotator === undefined) return null;
  if (!installed) return 'Room: not set up in this browser — open the join link again';
  const pending =
    stored && keys ? pendingCount(stored, keys) : (stored?.labels.length ?? 0) + (stored?.skips.length ?? 0);
  return roomStatusText({
    connection: live?.connection ?? 'connecting',
    synced: live?.synced ?? false,
    pending,
  });
}
