/**
 * The two network steps of joining a room, on the page's own origin: `POST /api/room/join`, then, with the
 * participant's token, `GET /api/room/dataset` installed into IndexedDB together with the participant's
 * annotator (id = participant id, the room name). Nothing is installed unless the dataset answer is
 * usable and the name is free in this browser; every refusal is a sentence the page shows.
 */
import { getAnnotator, installDatasetFile, listAnnotators, saveAnnotator } from '@/lib/db/app';
import {
  readJoinAnswer,
  readRoomDataset,
  type JoinAnswer,
  type RoomIdentity,
} from '@/lib/core/room/participant';

async function jsonOrUndefined(res: Response): Promise<unknown> {
  try {
    return (await res.json()) as unknown;
  } catch {
    return undefined;
  }
}

const unreachable = (what: string, e: unknown) =>
  `The room server could not be reached (${what}: ${e instanceof Error ? e.message : String(e)}). Check the Wi-Fi and try again; nothing was saved.`;

/** Ask the room to let `name` join with `code`. */
export async function requestJoin(code: string, name: string): Promise<JoinAnswer> {
  let res: Response;
  try {
    res = await fetch('/api/room/join', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ code, name }),
    });
  } catch (e) {
    return { kind: 'refused', message: unreachable('join', e) };
  }
  return readJoinAnswer(res.status, await jsonOrUndefined(res), window.location.origin);
}

/**
 * Install what this participant labels with: the room's dataset and their annotator. Resolves with null
 * when done, or with the message that says why nothing was installed.
 */
export async function installRoom(identity: RoomIdentity): Promise<string | null> {
  let res: Response;
  try {
    res = await fetch('/api/room/dataset', { headers: { Authorization: `Bearer ${identity.token}` } });
  } catch (e) {
    return unreachable('dataset', e);
  }
  const body = await jsonOrUndefined(res);
  if (!res.ok) {
    const m = typeof body === 'object' && body !== null && 'message' in body ? String(body.message) : '';
    return `The room did not send its dataset (HTTP ${res.status}${m ? `: ${m}` : ''}); nothing was installed.`;
  }
  const dataset = readRoomDataset(body, identity.datasetId);
  if (!dataset.ok) return dataset.message;
  if (!(await getAnnotator(identity.participantId))) {
    const clash = (await listAnnotators()).find((a) => a.name === identity.name);
    if (clash)
      return `This browser already has an annotator named "${identity.name}" who is not you in this room; join under another name. Nothing was installed.`;
  }
  await installDatasetFile(dataset.file);
  await saveAnnotator({
    id: identity.participantId,
    name: identity.name,
    kind: 'human',
    created: Date.now(),
  });
  return null;
}
