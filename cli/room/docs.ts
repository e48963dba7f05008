/**
 * The room's Yjs documents on disk: one append-only update log per document, `DIR/docs/<file>.log`, each
 * record a 4-byte big-endian length then one Yjs update. An accepted update is appended and fsynced
 * before it is applied to the document (so nothing acknowledged is lost to a crash); on first use a log
 * is replayed (a torn last record, from a crash mid-write, is ignored) and then compacted: the merged
 * state is written as one record to a temp file, fsynced and renamed over the log.
 */
import {
  closeSync,
  existsSync,
  fsyncSync,
  mkdirSync,
  openSync,
  readFileSync,
  renameSync,
  writeSync,
} from 'node:fs';
import { join } from 'node:path';
import * as Y from 'yjs';
import { participantOfDoc } from '../../lib/core/room/protocol';

/** The log file of a document (`participant:<id>` → `participant-<id>.log`: no `:` in file names, for Windows). */
export function logFileName(docName: string): string {
  const id = participantOfDoc(docName);
  if (id === null) throw new Error(`not a room document: ${docName}`);
  return `participant-${id}.log`;
}

/** The updates of a log's bytes, in order; a torn last record (a crash mid-append) is left out. */
export function readLogRecords(bytes: Uint8Array): { updates: Uint8Array[]; torn: boolean } {
  const updates: Uint8Array[] = [];
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let off = 0;
  while (off + 4 <= bytes.length) {
    const n = view.getUint32(off);
    if (off + 4 + n > bytes.length) break;
    updates.push(bytes.subarray(off + 4, off + 4 + n));
    off += 4 + n;
  }
  return { updates, torn: off !== bytes.length };
}

/** One length-prefixed record. */
export function logRecord(update: Uint8Array): Uint8Array {
  const out = new Uint8Array(4 + update.length);
  new DataView(out.buffer).setUint32(0, update.length);
  out.set(update, 4);
  return out;
}

function fsyncDir(dir: string): void {
  // Makes a rename durable on POSIX; directories cannot be opened for sync on Windows.
  try {
    const fd = openSync(dir, 'r');
    try {
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
  } catch {
    /* not supported on this platform */
  }
}

/** Writes `bytes` to `file` atomically: a temp file, fsynced, renamed over it. */
export function writeFileAtomic(file: string, bytes: Uint8Array | string): void {
  const tmp = `${file}.tmp`;
  const fd = openSync(tmp, 'w');
  try {
    writeSync(fd, typeof bytes === 'string' ? Buffer.from(bytes) : bytes);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  renameSync(tmp, file);
  fsyncDir(join(file, '..'));
}

/** A loaded document and, when writable, its open log. */
interface Entry {
  doc: Y.Doc;
  fd: number | null;
}

/** The room's documents, loaded from `dir` on first use. `readOnly` (the export command) never writes. */
export class DocStore {
  private readonly entries = new Map<string, Entry>();

  constructor(
    readonly dir: string,
    private readonly opts: { readOnly?: boolean; warn?: (line: string) => void } = {},
  ) {
    if (!opts.readOnly) mkdirSync(dir, { recursive: true });
  }

  /** The document named `docName` (a participant document), replayed from its log on first use. */
  get(docName: string): Y.Doc {
    return this.entry(docName).doc;
  }

  private entry(docName: string): Entry {
    const known = this.entries.get(docName);
    if (known) return known;
    const file = join(this.dir, logFileName(docName));
    const doc = new Y.Doc();
    let records = 0;
    let torn = false;
    if (existsSync(file)) {
      const log = readLogRecords(readFileSync(file));
      torn = log.torn;
      if (torn) this.opts.warn?.(`${file}: ignored a torn last record (the server stopped mid-write)`);
      log.updates.forEach((u, i) => {
        try {
          Y.applyUpdate(doc, u);
        } catch (e) {
          this.opts.warn?.(`${file}: skipped unreadable record ${i + 1} (${(e as Error).message})`);
        }
        records++;
      });
    }
    let fd: number | null = null;
    if (!this.opts.readOnly) {
      if (records > 1 || torn) writeFileAtomic(file, logRecord(Y.encodeStateAsUpdate(doc)));
      fd = openSync(file, 'a');
    }
    const entry = { doc, fd };
    this.entries.set(docName, entry);
    return entry;
  }

  /** Appends one accepted update to the document's log and fsyncs it (call before applying it). */
  persist(docName: string, update: Uint8Array): void {
    const { fd } = this.entry(docName);
    if (fd === null) throw new Error('the document store is read-only');
    writeSync(fd, logRecord(update));
    fsyncSync(fd);
  }

  /** Closes every log and destroys the documents. */
  close(): void {
    for (const { doc, fd } of this.entries.values()) {
      if (fd !== null) closeSync(fd);
      doc.destroy();
    }
    this.entries.clear();
  }
}
