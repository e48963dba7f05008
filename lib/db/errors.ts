/**
 * Maps IndexedDB/Dexie failures to a small set of user-facing storage problems, so the UI can show what
 * went wrong (quota full, private window, upgrade blocked by another tab) instead of a blank screen.
 */

import type { StorageProblem } from '../core/storage/storage-problem';

export type { StorageProblem, StorageProblemKind } from '../core/storage/storage-problem';

interface ErrorLike {
  name?: string;
  message?: string;
  inner?: unknown;
}

function asErrorLike(e: unknown): ErrorLike {
  return typeof e === 'object' && e !== null ? (e as ErrorLike) : { message: String(e) };
}

/** True if the error (or any error nested in `inner`) is a quota error. Dexie wraps it in AbortError. */
export function isQuotaError(e: unknown): boolean {
  let cur: unknown = e;
  for (let depth = 0; cur && depth < 5; depth++) {
    const err = asErrorLike(cur);
    if (err.name === 'QuotaExceededError' || /quota/i.test(err.message ?? '')) return true;
    cur = err.inner;
  }
  return false;
}

/** Translate any storage error into a StorageProblem the user can act on. */
export function toStorageProblem(e: unknown): StorageProblem {
  const err = asErrorLike(e);
  const detail = `${err.name ?? 'Error'}: ${err.message ?? ''}`.trim();
  if (isQuotaError(e)) {
    return {
      kind: 'quota',
      message:
        'The browser refused to save: its storage quota for this site is full. Nothing already saved was lost. Export your labels from the Data page, then delete models or datasets you no longer need.',
      detail,
    };
  }
  if (
    err.name === 'MissingAPIError' ||
    err.name === 'InvalidStateError' ||
    /indexedDB/i.test(err.message ?? '')
  ) {
    return {
      kind: 'unavailable',
      message:
        'This browser does not let the page use IndexedDB (private windows often block it), so labels cannot be saved. Open Goodhart Lab in a normal window.',
      detail,
    };
  }
  if (err.name === 'VersionError' || err.name === 'UpgradeError') {
    return {
      kind: 'blocked',
      message:
        'The saved data was written by a newer version of Goodhart Lab, or an upgrade failed. Close other Goodhart Lab tabs and reload; nothing has been deleted.',
      detail,
    };
  }
  if (err.name === 'DatabaseClosedError') {
    return {
      kind: 'versionchange',
      message:
        'The database was closed, probably by a newer version of Goodhart Lab in another tab. Reload this tab.',
      detail,
    };
  }
  return {
    kind: 'unknown',
    message: 'Saving or loading data failed. Nothing already saved was lost.',
    detail,
  };
}

/** Thrown by repository functions with a user-facing problem attached. */
export class StorageError extends Error {
  constructor(public readonly problem: StorageProblem) {
    super(problem.message);
    this.name = 'StorageError';
  }
}

/**
 * Thrown when a decision is refused because the same annotator already made it, typically in another tab
 * (two tabs judging the last pair at once): the first one stored wins, nothing of the second is written.
 */
export class AlreadyDecidedError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'AlreadyDecidedError';
  }
}

/** Thrown inside a write transaction the user cancelled: the transaction is rolled back, nothing is written. */
export class CancelledError extends Error {
  constructor() {
    super('Cancelled: nothing was written.');
    this.name = 'CancelledError';
  }
}

/** Run a storage operation, converting failures to StorageError (a cancel stays a CancelledError). */
export async function guard<T>(op: () => Promise<T>): Promise<T> {
  try {
    return await op();
  } catch (e) {
    if (e instanceof StorageError || e instanceof CancelledError) throw e;
    throw new StorageError(toStorageProblem(e));
  }
}
