/**
 * Storage quota arithmetic for the storage panel: how full the browser's quota for this site is, when to
 * warn, and human-readable sizes. Pure; the browser call (navigator.storage.estimate) lives in components.
 */

export type QuotaLevel = 'ok' | 'warn' | 'critical';

/** Warn at 80 % of the quota, and call it critical at 95 %. */
export const WARN_FRACTION = 0.8;
export const CRITICAL_FRACTION = 0.95;

/** Classify usage against quota. Unknown quota (0 or missing) counts as fine. */
export function quotaStatus(usage: number, quota: number): { level: QuotaLevel; fraction: number } {
  if (!(quota > 0)) return { level: 'ok', fraction: 0 };
  const fraction = Math.max(0, usage / quota);
  return {
    level: fraction >= CRITICAL_FRACTION ? 'critical' : fraction >= WARN_FRACTION ? 'warn' : 'ok',
    fraction,
  };
}

/** Bytes as a short human string: 1536 → "1.5 KB" (powers of 1024, one decimal below 10). */
export function formatBytes(bytes: number): string {
  if (!Number.isFinite(bytes) || bytes < 0) return '?';
  const units = ['B', 'KB', 'MB', 'GB', 'TB'];
  let v = bytes;
  let i = 0;
  while (v >= 1024 && i < units.length - 1) {
    v /= 1024;
    i++;
  }
  return `${i === 0 || v >= 10 ? Math.round(v) : v.toFixed(1)} ${units[i]}`;
}
