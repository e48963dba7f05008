'use client';
/**
 * Registers the service worker (/sw.js, built by scripts/build-sw.mjs) in production builds and shows a
 * small status pill in the header's flow (app/layout.tsx passes it to the NavBar's status slot, so it never
 * floats over a button): "Saving for offline use…", then "Ready to work offline" once every file is
 * precached, or "Update available — reload" when a new build took over an open page. In development it
 * unregisters any worker left over from a production run, so `next dev` never serves stale files.
 * Talks to nothing but the page's own origin.
 */
import { useEffect, useState } from 'react';
import { SW_STATUS_REQUEST, isFullyPrecached, isSwStatus, type SwStatus } from '@/sw/protocol';

type OfflineState =
  | { kind: 'idle' }
  | { kind: 'installing' }
  | { kind: 'ready'; status: SwStatus; announce: boolean }
  | { kind: 'partial'; status: SwStatus }
  | { kind: 'update' }
  | { kind: 'error'; message: string };

/** How long "Ready to work offline" stays on screen after the first install. */
const READY_VISIBLE_MS = 6000;

/** Asks the active worker how much of the app it has cached; rejects after `timeoutMs`. */
function askStatus(worker: ServiceWorker, timeoutMs = 10_000): Promise<SwStatus> {
  return new Promise((resolve, reject) => {
    const channel = new MessageChannel();
    const timer = setTimeout(() => reject(new Error('the service worker did not answer')), timeoutMs);
    channel.port1.onmessage = (e: MessageEvent<unknown>) => {
      clearTimeout(timer);
      if (isSwStatus(e.data)) resolve(e.data);
      else reject(new Error('unexpected answer from the service worker'));
    };
    worker.postMessage({ type: SW_STATUS_REQUEST }, [channel.port2]);
  });
}

/** Registers /sw.js (production only) and renders the offline status pill. */
export function ServiceWorkerRegister() {
  const [state, setState] = useState<OfflineState>({ kind: 'idle' });
  const [dismissed, setDismissed] = useState(false);

  useEffect(() => {
    if (!('serviceWorker' in navigator)) return;
    const container = navigator.serviceWorker;
    if (process.env.NODE_ENV !== 'production') {
      void container
        .getRegistrations()
        .then((regs) => Promise.all(regs.map((r) => r.unregister())))
        .catch(() => undefined);
      return;
    }
    let cancelled = false;
    const hadController = container.controller !== null;

    const check = async () => {
      const reg = await container.ready;
      // On the first visit the page is claimed a moment after activation: controllerchange calls again.
      if (!container.controller || !reg.active) return;
      const status = await askStatus(reg.active);
      if (cancelled) return;
      setState(
        isFullyPrecached(status)
          ? { kind: 'ready', status, announce: !hadController }
          : { kind: 'partial', status },
      );
    };
    const fail = (err: unknown) => {
      if (!cancelled) setState({ kind: 'error', message: err instanceof Error ? err.message : String(err) });
    };
    const onControllerChange = () => {
      // A page that already had a worker now has a newer one: its own chunks may be gone, so reload.
      if (hadController) setState({ kind: 'update' });
      else check().catch(fail);
    };
    container.addEventListener('controllerchange', onControllerChange);
    container
      .register('/sw.js', { scope: '/' })
      .then(() => {
        if (!hadController && !cancelled) setState({ kind: 'installing' });
        return check();
      })
      .catch(fail);
    return () => {
      cancelled = true;
      container.removeEventListener('controllerchange', onControllerChange);
    };
  }, []);

  useEffect(() => {
    if (state.kind !== 'ready' || !state.announce) return;
    const timer = setTimeout(() => setDismissed(true), READY_VISIBLE_MS);
    return () => clearTimeout(timer);
  }, [state]);

  if (state.kind === 'idle') return null;
  const visible =
    state.kind === 'installing' ||
    state.kind === 'update' ||
    (state.kind === 'ready' && state.announce && !dismissed);
  const ready = state.kind === 'ready' ? state.status : null;
  return (
    <div
      role="status"
      data-testid="offline-status"
      data-state={state.kind}
      data-build={ready?.buildId}
      data-cached={ready ? `${ready.cached}/${ready.expected}` : undefined}
      title={state.kind === 'error' ? `Offline mode unavailable: ${state.message}` : undefined}
      className={
        visible
          ? 'flex items-center gap-2 rounded-full border border-slate-300 bg-white px-3 py-1 text-xs text-slate-800 dark:border-slate-700 dark:bg-slate-900 dark:text-slate-100'
          : 'sr-only'
      }
    >
      {state.kind === 'installing' && 'Saving the app for offline use…'}
      {state.kind === 'ready' && state.announce && 'Ready to work offline'}
      {state.kind === 'update' && (
        <>
          Update available
          <button
            type="button"
            onClick={() => window.location.reload()}
            className="rounded px-1.5 py-0.5 font-medium text-blue-700 underline hover:bg-slate-100 dark:text-sky-300 dark:hover:bg-slate-800"
          >
            Reload
          </button>
        </>
      )}
    </div>
  );
}
