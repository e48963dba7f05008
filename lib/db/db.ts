/**
 * The one Dexie subclass. Handles come from `createGoodhartDb(name, upTo)`, which applies every schema
 * version up to `upTo` (default: latest) and wires the multi-tab events (`blocked`, `versionchange`) to a
 * listener so the UI can show them.
 */
import Dexie, { type Table } from 'dexie';
import type { Annotator, Comparison, Dataset, Prompt, Ranking, Response, Skip } from '../core/types';
import { LATEST_VERSION, SCHEMA } from './schema';
import { toStorageProblem, type StorageProblem } from './errors';
import type { EmbeddingRecord } from './embeddings';
import type { PackHead, PackRecord } from './packs';
import type { RunRecord } from '../core/reward-model/run-record';

/** A saved reward-model run (lib/core/reward-model/run-record.ts). Read stored runs through `listRuns`/`getRun` (runs.ts),
 * which check them: a run written by an older app may not match. */
export type { RunRecord } from '../core/reward-model/run-record';

export interface MetaRecord {
  key: string;
  value: unknown;
}

export class GoodhartDb extends Dexie {
  datasets!: Table<Dataset, string>;
  prompts!: Table<Prompt, string>;
  responses!: Table<Response, string>;
  comparisons!: Table<Comparison, string>;
  skips!: Table<Skip, string>;
  annotators!: Table<Annotator, string>;
  meta!: Table<MetaRecord, string>;
  runs!: Table<RunRecord, string>;
  /** K-way rankings (schema v3); their expanded comparisons are in `comparisons`. */
  rankings!: Table<Ranking, string>;
  /** Packed rows of bulk-imported datasets (schema v4, lib/db/packs.ts) and their heads. */
  packs!: Table<PackRecord, string>;
  packHeads!: Table<PackHead, string>;
  /** Sentence-encoder embeddings by [encoder, text hash] (schema v5, lib/db/embeddings.ts). */
  embeddings!: Table<EmbeddingRecord, [string, string]>;

  constructor(name: string, upTo: number = LATEST_VERSION) {
    super(name);
    for (const v of SCHEMA) {
      if (v.version > upTo) break;
      const version = this.version(v.version).stores(v.stores);
      if (v.upgrade) version.upgrade(v.upgrade);
    }
  }
}

export const DEFAULT_DB_NAME = 'goodhart-lab';

type ProblemListener = (problem: StorageProblem) => void;
const listeners = new Set<ProblemListener>();

/** Subscribe to storage problems raised outside a call (another tab upgrading, blocked upgrade). */
export function onStorageProblem(listener: ProblemListener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

function emit(problem: StorageProblem): void {
  for (const l of listeners) l(problem);
}

/** Create (not yet open) a database handle with multi-tab handling wired up. */
export function createGoodhartDb(name = DEFAULT_DB_NAME, upTo = LATEST_VERSION): GoodhartDb {
  const db = new GoodhartDb(name, upTo);
  db.on('blocked', () => {
    emit({
      kind: 'blocked',
      message:
        'Another Goodhart Lab tab is holding an older version of the database open, so this tab cannot upgrade it. Close or reload the other tabs; nothing has been lost.',
    });
  });
  db.on('versionchange', () => {
    // Another tab wants to upgrade: close so it can, and tell the user to reload.
    db.close();
    emit({
      kind: 'versionchange',
      message:
        'A newer version of Goodhart Lab was opened in another tab. Reload this tab to keep working; everything saved is kept.',
    });
    return false;
  });
  return db;
}

let singleton: GoodhartDb | null = null;

/** The app's database (lazily created). */
export function getDb(): GoodhartDb {
  if (!singleton) singleton = createGoodhartDb();
  return singleton;
}

/** Open the app database, returning a StorageProblem instead of throwing. */
export async function openAppDb(): Promise<{ db: GoodhartDb } | { problem: StorageProblem }> {
  try {
    if (typeof indexedDB === 'undefined') {
      return {
        problem: toStorageProblem({ name: 'MissingAPIError', message: 'indexedDB is not available' }),
      };
    }
    const db = getDb();
    await db.open();
    return { db };
  } catch (e) {
    singleton = null;
    return { problem: toStorageProblem(e) };
  }
}

/** For tests: use a specific database instance as the app database. */
export function setDbForTests(db: GoodhartDb | null): void {
  singleton = db;
}
