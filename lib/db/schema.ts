/**
 * The IndexedDB schema, one entry per version. Never edit a shipped version: add a new one with an
 * upgrade function. `createGoodhartDb(name, upTo)` (./db.ts) opens the database at any historical
 * version so the migration test can write with version N and read with N+1.
 */
import type { Transaction } from 'dexie';

export interface SchemaVersion {
  version: number;
  stores: Record<string, string | null>;
  upgrade?: (tx: Transaction) => Promise<void> | void;
}

export const SCHEMA: readonly SchemaVersion[] = [
  {
    version: 1,
    stores: {
      datasets: 'id, source, created',
      prompts: 'id, datasetId',
      responses: 'id, promptId, datasetId',
      comparisons: 'id, datasetId, promptId, annotatorId, createdAt, [annotatorId+datasetId+createdAt]',
      skips: 'id, datasetId, promptId, annotatorId, createdAt, [annotatorId+datasetId+createdAt]',
      annotators: 'id, &name',
      meta: 'key',
    },
  },
  {
    // v2: reward-model runs (config, metrics, weights, label ids) kept per dataset.
    version: 2,
    stores: {
      runs: 'id, datasetId, createdAt',
    },
  },
  {
    // v3: K-way rankings (lib/core/labeling/ranking.ts); their expanded pairs live in `comparisons` with a rankingId.
    version: 3,
    stores: {
      rankings: 'id, datasetId, promptId, annotatorId, createdAt, [annotatorId+datasetId+createdAt]',
    },
  },
  {
    // v4: packed storage for bulk imports (lib/db/packs.ts): up to 4,000 rows of one kind per record,
    // with a small head per pack for counts.
    version: 4,
    stores: {
      packs: 'id, datasetId, [datasetId+kind]',
      packHeads: 'id, datasetId',
    },
  },
  {
    // v5: sentence-encoder embeddings (lib/db/embeddings.ts), keyed by [encoder version + text SHA-256];
    // the `encoder` index lets entries of an older encoder be dropped in one range delete.
    version: 5,
    stores: {
      embeddings: '[encoder+hash], encoder',
    },
  },
];

export const LATEST_VERSION = SCHEMA[SCHEMA.length - 1].version;
