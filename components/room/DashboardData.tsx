'use client';
/**
 * The facilitator dashboard's data: the token (from the link's fragment, kept in sessionStorage for a
 * reload and stripped from the address bar), the room summary polled every SUMMARY_POLL_MS, and the
 * room's labels from the facilitator export, fetched again whenever the summary's label count changes (and
 * every FIGURES_EVERY polls, so an undo plus a new label, which leaves the count alone, still shows).
 * The decisions are in lib/core/room/dashboard.ts; this hook only fetches.
 */
import { useEffect, useState } from 'react';
import {
  FACILITATOR_TOKEN_KEY,
  SUMMARY_POLL_MS,
  facilitatorToken,
  readRoomExport,
  readSummary,
  roomExportPath,
  roomFigures,
  type RoomFigures,
} from '@/lib/core/room/dashboard';
import type { RoomSummary } from '@/lib/core/room/protocol';
import type { SessionBundle } from '@/lib/core/formats/session';

export type TokenState = { kind: 'reading' } | { kind: 'missing' } | { kind: 'ready'; token: string };

export interface DashboardState {
  summary: RoomSummary | null;
  figures: RoomFigures | null;
  /** The room's labels as last exported (what "Train the room's model" trains on). */
  bundle: SessionBundle | null;
  /** The server refused the token (401). */
  refused: boolean;
  /** Why the summary could not be read just now (the last one stays on screen). */
  summaryError: string | null;
  /** Why the labels could not be read (the figures stay as they were). */
  figuresError: string | null;
  /** When the summary last arrived (epoch ms). */
  updatedAt: number | null;
}

/** Polls between two reads of the export when the label count has not moved. */
const FIGURES_EVERY = 5;

const EMPTY: DashboardState = {
  summary: null,
  figures: null,
  bundle: null,
  refused: false,
  summaryError: null,
  figuresError: null,
  updatedAt: null,
};

function readStored(): string | null {
  try {
    return sessionStorage.getItem(FACILITATOR_TOKEN_KEY);
  } catch {
    return null;
  }
}

function store(token: string | null): void {
  try {
    if (token === null) sessionStorage.removeItem(FACILITATOR_TOKEN_KEY);
    else sessionStorage.setItem(FACILITATOR_TOKEN_KEY, token);
  } catch {
    // sessionStorage can be unavailable (a locked-down browser): the token then lasts until a reload.
  }
}

/**
 * The facilitator token of this tab, read on mount and again when a link is opened over this page (only
 * the fragment changes, so the page does not reload); the fragment is removed from the address bar.
 */
export function useFacilitatorToken(): TokenState {
  const [state, setState] = useState<TokenState>({ kind: 'reading' });
  useEffect(() => {
    const read = () => {
      const { token, fromFragment } = facilitatorToken(window.location.hash, readStored());
      if (fromFragment && token) {
        store(token);
        const { pathname, search } = window.location;
        window.history.replaceState(window.history.state, '', `${pathname}${search}`);
      }
      setState(token ? { kind: 'ready', token } : { kind: 'missing' });
    };
    // Reading the URL can only happen after mount (the page is a static export).
    read();
    window.addEventListener('hashchange', read);
    return () => window.removeEventListener('hashchange', read);
  }, []);
  return state;
}

/** The text of a failed fetch, for the page. */
function failure(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

/** Fetches `path` with the facilitator token; throws on a network error. */
export function facilitatorFetch(path: string, token: string, signal?: AbortSignal): Promise<Response> {
  return fetch(path, { headers: { Authorization: `Bearer ${token}` }, cache: 'no-store', signal });
}

/** The summary every SUMMARY_POLL_MS and the figures whenever the label count moves. */
export function useDashboard(token: string | null): DashboardState {
  // Kept with the token it belongs to, so a new token (another link opened over the page) starts afresh.
  const [state, setState] = useState<DashboardState & { token: string | null }>({ ...EMPTY, token: null });
  useEffect(() => {
    if (!token) return;
    const abort = new AbortController();
    let timer: ReturnType<typeof setTimeout> | undefined;
    let figuresFor: number | null = null;
    let polls = 0;
    const patch = (p: Partial<DashboardState>) => {
      if (!abort.signal.aborted)
        setState((s) => ({ ...(s.token === token ? s : { ...EMPTY, token }), ...p }));
    };

    async function loadFigures(labels: number) {
      try {
        const res = await facilitatorFetch(roomExportPath('session'), token!, abort.signal);
        if (!res.ok) throw new Error(`the room export answered ${res.status} ${res.statusText}`.trim());
        const read = readRoomExport(await res.json());
        if (!read.ok) throw new Error(read.message);
        figuresFor = labels;
        patch({ figures: roomFigures(read.value), bundle: read.value, figuresError: null });
      } catch (e) {
        if (!abort.signal.aborted) patch({ figuresError: `The labels could not be read: ${failure(e)}` });
      }
    }

    async function poll() {
      try {
        const res = await facilitatorFetch('/api/room/summary', token!, abort.signal);
        if (res.status === 401) {
          store(null);
          patch({ refused: true });
          return; // no more polling with a refused token
        }
        if (!res.ok) throw new Error(`the server answered ${res.status} ${res.statusText}`.trim());
        const read = readSummary(await res.json());
        if (!read.ok) throw new Error(read.message);
        patch({ summary: read.value, summaryError: null, updatedAt: Date.now() });
        polls++;
        if (figuresFor !== read.value.labels || polls % FIGURES_EVERY === 0)
          await loadFigures(read.value.labels);
      } catch (e) {
        if (abort.signal.aborted) return;
        patch({
          summaryError: `The room server does not answer (${failure(e)}); trying again every ${SUMMARY_POLL_MS / 1000} s.`,
        });
      }
      if (!abort.signal.aborted) timer = setTimeout(poll, SUMMARY_POLL_MS);
    }

    void poll();
    return () => {
      abort.abort();
      clearTimeout(timer);
    };
  }, [token]);
  return state.token === token ? state : EMPTY;
}
