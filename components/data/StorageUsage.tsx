'use client';
/** /data: how much of the browser's storage quota the lab uses, whether it is persistent, and what to do when full. */
import { useEffect, useState } from 'react';
import { estimateStorage, type StorageEstimateInfo } from '@/components/storage';
import { formatBytes, quotaStatus } from '@/lib/core/storage/quota';
import { Button } from '@/components/ui/Button';

export function StorageUsage() {
  const [info, setInfo] = useState<StorageEstimateInfo | null | undefined>(undefined);

  async function refresh() {
    setInfo(await estimateStorage());
  }
  useEffect(() => {
    let live = true;
    estimateStorage().then((i) => live && setInfo(i));
    return () => {
      live = false;
    };
  }, []);

  async function persist() {
    if (navigator.storage?.persist) await navigator.storage.persist();
    await refresh();
  }

  if (info === undefined) return null;
  if (info === null) return <p className="text-sm">This browser does not report storage usage.</p>;
  const { level, fraction } = quotaStatus(info.usage, info.quota);
  return (
    <section aria-labelledby="storage-h" className="space-y-2">
      <h2 id="storage-h" className="text-xl font-semibold">
        Storage
      </h2>
      <p data-testid="storage-usage">
        Using {formatBytes(info.usage)} of {formatBytes(info.quota)} available to this site (
        {(fraction * 100).toFixed(fraction < 0.01 ? 2 : 0)}%).{' '}
        {info.persisted === true
          ? 'Storage is persistent: the browser will not evict it under pressure.'
          : info.persisted === false
            ? 'Storage is not persistent yet: the browser may evict it when the disk is nearly full.'
            : null}
      </p>
      {info.persisted === false && <Button onClick={persist}>Ask for persistent storage</Button>}
      {level !== 'ok' && (
        <p
          role="alert"
          className="rounded-md border border-amber-600 bg-amber-50 p-3 text-amber-950 dark:bg-amber-950 dark:text-amber-50"
        >
          Storage is {level === 'critical' ? 'almost full' : 'filling up'}. Export your labels (and any
          session bundle you need) below, then delete datasets or models you no longer need.
        </p>
      )}
    </section>
  );
}
