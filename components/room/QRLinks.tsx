'use client';
/**
 * The room's join links on the dashboard, for the projector: the join code in large type and, for each
 * address the room is served at (`GET /api/room/links`, facilitator token), the link as text and a QR
 * code large enough to scan from the back of a room. The QR is an SVG the `qrcode` package draws here
 * (no network), shown through an <img> data URL, so nothing in it can run.
 */
import { useEffect, useState } from 'react';
import QRCode from 'qrcode';
import { zodProblems } from '@/lib/core/formats/schemas';
import { roomLinksSchema, type RoomLinks } from '@/lib/core/room/protocol';
import { facilitatorFetch } from './DashboardData';

/** The room's links endpoint (facilitator token). */
export const ROOM_LINKS_PATH = '/api/room/links';

type Loaded = { links: RoomLinks; images: string[] } | { error: string } | null;

async function loadLinks(token: string, signal: AbortSignal): Promise<Loaded> {
  const res = await facilitatorFetch(ROOM_LINKS_PATH, token, signal);
  if (!res.ok) return { error: `the room server answered ${res.status} ${res.statusText}`.trim() };
  const parsed = roomLinksSchema.safeParse(await res.json());
  if (!parsed.success) {
    const [first] = zodProblems(parsed.error);
    return {
      error: `the join links are not in the expected shape: ${first.field ? `${first.field}: ` : ''}${first.message}`,
    };
  }
  const images = await Promise.all(
    parsed.data.join.map(async (url) => {
      const svg = await QRCode.toString(url, { type: 'svg', margin: 2, errorCorrectionLevel: 'M' });
      return `data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`;
    }),
  );
  return { links: parsed.data, images };
}

export function QRLinks({ token }: { token: string }) {
  const [loaded, setLoaded] = useState<Loaded>(null);
  useEffect(() => {
    const abort = new AbortController();
    loadLinks(token, abort.signal)
      .then((l) => {
        if (!abort.signal.aborted) setLoaded(l);
      })
      .catch((e: unknown) => {
        if (!abort.signal.aborted) setLoaded({ error: e instanceof Error ? e.message : String(e) });
      });
    return () => abort.abort();
  }, [token]);

  return (
    <section aria-labelledby="room-join-h" className="space-y-4">
      <h2 id="room-join-h" className="text-3xl font-semibold">
        Join the room
      </h2>
      {loaded === null ? (
        <p>Asking the room server for the join links…</p>
      ) : 'error' in loaded ? (
        <p data-testid="room-join-problem" className="text-red-800 dark:text-red-200">
          The join links could not be read: {loaded.error}. The terminal that runs `goodhart room` prints them
          too.
        </p>
      ) : (
        <>
          <p className="text-2xl">
            Join code:{' '}
            <span className="font-mono text-6xl font-bold tracking-widest" data-testid="room-join-code">
              {loaded.links.code}
            </span>
          </p>
          <ul className="flex flex-wrap gap-8">
            {loaded.links.join.map((url, i) => (
              <li key={url} className="space-y-2">
                {/* eslint-disable-next-line @next/next/no-img-element -- a data URL drawn here, nothing to optimise */}
                <img
                  src={loaded.images[i]}
                  alt={`QR code for ${url}`}
                  width={360}
                  height={360}
                  className="rounded bg-white"
                  data-testid="room-join-qr"
                />
                <p className="break-all font-mono text-xl">{url}</p>
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}
