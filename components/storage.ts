/**
 * Browser storage helpers for the UI: estimate usage/quota, and ask once (at the first save) for persistent
 * storage so the browser does not evict labels under pressure. navigator.storage exists on the main thread only.
 */
const ASKED_KEY = 'goodhart-lab-persist-asked';

export interface StorageEstimateInfo {
  usage: number;
  quota: number;
  persisted: boolean | null;
}

/** Usage and quota for this site, or null where the API is missing. */
export async function estimateStorage(): Promise<StorageEstimateInfo | null> {
  if (typeof navigator === 'undefined' || !navigator.storage?.estimate) return null;
  const { usage = 0, quota = 0 } = await navigator.storage.estimate();
  const persisted = navigator.storage.persisted ? await navigator.storage.persisted() : null;
  return { usage, quota, persisted };
}

/** Ask for persistent storage once per browser (called after the first successful save). */
export async function requestPersistenceOnce(): Promise<boolean | null> {
  try {
    if (typeof navigator === 'undefined' || !navigator.storage?.persist) return null;
    if (localStorage.getItem(ASKED_KEY)) return null;
    localStorage.setItem(ASKED_KEY, new Date().toISOString());
    return await navigator.storage.persist();
  } catch {
    return null;
  }
}
