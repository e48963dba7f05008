/** A storage problem the user must see: what happened and what to do. Produced by lib/db, shown by the UI. */
export type StorageProblemKind = 'unavailable' | 'quota' | 'blocked' | 'versionchange' | 'unknown';

export interface StorageProblem {
  kind: StorageProblemKind;
  /** One or two sentences for the user: what happened and what to do. */
  message: string;
  /** The underlying error name/message, for a details line. */
  detail?: string;
}
