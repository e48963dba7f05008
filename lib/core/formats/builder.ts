/**
 * Accumulates the records of one import: deduplicates prompts and responses by text, collects
 * comparisons and problems, and at the end assigns deterministic ids (a hash of the format, the dataset
 * name and the whole input text, then of each record's text hash), so the same file always yields the
 * same ids.
 */
import type { Annotator, Comparison, DatasetFile, Outcome, Prompt, Response, Strength } from '../types';
import { Hash64, hash64, hashId } from './hash';
import type { ImportIssue, ImportResult, RowSink } from './result';

/** Collects problems, keeping at most `max` of them (the rest are counted and summarised in one issue). */
export class IssueLog {
  readonly issues: ImportIssue[] = [];
  private dropped = 0;
  private droppedErrors = 0;
  private lastLine = 1;

  constructor(private readonly max = 1000) {}

  /** Record a problem at 1-based `line`. */
  add(line: number, message: string, severity: ImportIssue['severity'] = 'error', field?: string): void {
    const safeLine = Number.isFinite(line) && line >= 1 ? Math.floor(line) : 1;
    this.lastLine = Math.max(this.lastLine, safeLine);
    if (this.issues.length >= this.max) {
      this.dropped++;
      if (severity === 'error') this.droppedErrors++;
      return;
    }
    this.issues.push(
      field === undefined
        ? { line: safeLine, message, severity }
        : { line: safeLine, field, message, severity },
    );
  }

  /**
   * The recorded issues plus, if any were dropped, one summary issue that says the list is capped and
   * carries the exact counts of the unlisted problems (`unlisted`), so {@link issueCounts} stays exact.
   */
  all(): ImportIssue[] {
    if (this.dropped === 0) return this.issues;
    const errors = this.droppedErrors;
    const warnings = this.dropped - errors;
    const n = (x: number) => x.toLocaleString('en-US');
    return [
      ...this.issues,
      {
        line: this.lastLine,
        message:
          `more than ${n(this.max)} problems: the first ${n(this.max)} are listed, ` +
          `${n(this.dropped)} more are not (${n(errors)} errors, ${n(warnings)} warnings)`,
        severity: errors > 0 ? 'error' : 'warning',
        unlisted: { errors, warnings },
      },
    ];
  }
}

/** Gold labels and metadata for a response being added. */
export interface ResponseExtras {
  source?: string;
  correct?: boolean;
  goldScore?: number;
  tags?: string[];
}

interface PromptEntry {
  text: string;
  /** hash64 of the text, computed as rows arrive so `finish` stays short. */
  hash: string;
  category: string;
  line: number;
  responses: Map<string, number>;
}

interface ResponseEntry extends ResponseExtras {
  prompt: number;
  text: string;
  hash: string;
  tags: string[];
  line: number;
  /** Gold was contradicted by a duplicate: stays cleared. */
  conflicted?: boolean;
}

interface ComparisonEntry {
  prompt: number;
  a: number;
  b: number;
  outcome: Outcome;
  strength?: Strength;
  rationale?: string;
  annotator: number;
}

/** Builds an {@link ImportResult} for formats whose records carry no ids of their own. */
export class ImportBuilder {
  readonly log: IssueLog;
  totalRows = 0;
  validRows = 0;
  duplicates = 0;
  private readonly content = new Hash64();
  private readonly prompts: PromptEntry[] = [];
  private readonly promptByText = new Map<string, number>();
  private readonly responses: ResponseEntry[] = [];
  private readonly comparisons: ComparisonEntry[] = [];
  private readonly annotators: string[] = [];

  constructor(
    readonly format: string,
    /** File name the data came from (used in the dataset name, source and annotator name). */
    readonly fileName: string,
    private readonly now: number = Date.now(),
    maxIssues?: number,
  ) {
    this.log = new IssueLog(maxIssues);
  }

  /** Feed raw input text (in order, any chunking) into the content hash behind the dataset id. */
  hashContent(text: string): void {
    this.content.update(text);
  }

  /** Count one input row; `valid` = it had no errors. */
  row(valid: boolean): void {
    this.totalRows++;
    if (valid) this.validRows++;
  }

  /** Add (or find) the prompt with this exact text. Returns its index and whether it is new. */
  prompt(text: string, category: string, line: number): { key: number; isNew: boolean; line: number } {
    const found = this.promptByText.get(text);
    if (found !== undefined) return { key: found, isNew: false, line: this.prompts[found].line };
    const key = this.prompts.length;
    this.prompts.push({ text, hash: hash64(text), category, line, responses: new Map() });
    this.promptByText.set(text, key);
    return { key, isNew: true, line };
  }

  /**
   * Add (or find) the response with this exact text under `prompt`. On a merge, tags are united and
   * conflicting gold (`correct` or `goldScore` that differ) is cleared and reported as `conflict`.
   */
  response(
    prompt: number,
    text: string,
    extras: ResponseExtras,
    line: number,
  ): { key: number; isNew: boolean; line: number; conflict: boolean } {
    const entry = this.prompts[prompt];
    const found = entry.responses.get(text);
    if (found === undefined) {
      const key = this.responses.length;
      this.responses.push({
        ...extras,
        prompt,
        text,
        hash: hash64(text),
        tags: [...(extras.tags ?? [])],
        line,
      });
      entry.responses.set(text, key);
      return { key, isNew: true, line, conflict: false };
    }
    const r = this.responses[found];
    let conflict = false;
    for (const tag of extras.tags ?? []) if (!r.tags.includes(tag)) r.tags.push(tag);
    if (extras.correct !== undefined && r.correct !== undefined && extras.correct !== r.correct)
      conflict = true;
    if (extras.goldScore !== undefined && r.goldScore !== undefined && extras.goldScore !== r.goldScore)
      conflict = true;
    if (conflict) {
      r.conflicted = true;
      r.correct = undefined;
      r.goldScore = undefined;
    } else if (!r.conflicted) {
      r.correct ??= extras.correct;
      r.goldScore ??= extras.goldScore;
    }
    if (r.source === undefined && extras.source !== undefined) r.source = extras.source;
    return { key: found, isNew: false, line: r.line, conflict };
  }

  /** Index of the annotator with this name (kind `human`), created on first use. */
  annotator(name: string): number {
    const i = this.annotators.indexOf(name);
    if (i >= 0) return i;
    this.annotators.push(name);
    return this.annotators.length - 1;
  }

  /** Add a judgment between two responses of `prompt` (`a` shown first). */
  comparison(c: ComparisonEntry): void {
    this.comparisons.push(c);
  }

  /**
   * The {@link RowSink} over this builder: raw text feeds the content hash, `read` handles one record and
   * says whether it was usable (false counts an invalid row; true leaves the count to `read`, which may
   * keep the row for `finish`), and a record that could not be parsed is an error on its line.
   */
  sink(
    read: (line: number, value: unknown) => boolean,
    finish: () => ImportResult = () => this.finish(),
  ): RowSink {
    return {
      content: (text) => this.hashContent(text),
      row: (line, value) => {
        if (!read(line, value)) this.row(false);
      },
      invalid: (line, message) => {
        this.log.add(line, message);
        this.row(false);
      },
      finish,
    };
  }

  /** Assign ids and produce the plain records. */
  finish(): ImportResult {
    const name = this.fileName.replace(/\.gz$/i, '').replace(/\.[^.]+$/, '') || 'import';
    const datasetId = hashId('ds', this.format, name, this.content.hex());
    const promptIds = this.prompts.map((p) => hashId('pr', datasetId, p.hash));
    const responseIds = this.responses.map((r) => hashId('rs', promptIds[r.prompt], r.hash));
    const annotators: Annotator[] = this.annotators.map((n) => ({
      id: hashId('ann', n),
      name: n,
      kind: 'human',
      created: this.now,
    }));
    const prompts: Prompt[] = this.prompts.map((p, i) => ({
      id: promptIds[i],
      datasetId,
      text: p.text,
      category: p.category,
    }));
    const responses: Response[] = this.responses.map((r, i) => {
      const out: Response = {
        id: responseIds[i],
        promptId: promptIds[r.prompt],
        datasetId,
        text: r.text,
        tags: r.tags,
      };
      if (r.source !== undefined) out.source = r.source;
      if (r.correct !== undefined) out.correct = r.correct;
      if (r.goldScore !== undefined) out.goldScore = r.goldScore;
      return out;
    });
    const seen = new Map<string, number>();
    const comparisons: Comparison[] = this.comparisons.map((c) => {
      const annotatorId = annotators[c.annotator].id;
      const aId = responseIds[c.a];
      const bId = responseIds[c.b];
      const base = `${annotatorId}|${aId}|${bId}`;
      const seq = seen.get(base) ?? 0;
      seen.set(base, seq + 1);
      const out: Comparison = {
        id: hashId('cmp', datasetId, annotatorId, aId, bId, String(seq)),
        datasetId,
        promptId: promptIds[c.prompt],
        aId,
        bId,
        outcome: c.outcome,
        annotatorId,
        createdAt: this.now,
        durationMs: 0,
      };
      if (c.strength !== undefined) out.strength = c.strength;
      if (c.rationale !== undefined) out.rationale = c.rationale;
      return out;
    });
    const dataset: DatasetFile = {
      format: 'goodhart-dataset',
      version: 1,
      dataset: {
        id: datasetId,
        name,
        description: `Imported from ${this.fileName} (${this.format})`,
        source: `import:${this.format}:${this.fileName}`,
        created: this.now,
      },
      prompts,
      responses,
    };
    return {
      format: this.format,
      dataset,
      comparisons,
      annotators,
      issues: this.log.all(),
      validRows: this.validRows,
      totalRows: this.totalRows,
      duplicates: this.duplicates,
    };
  }
}

/** What every {@link importAnnotatorName} starts with. */
const IMPORT_ANNOTATOR_PREFIX = 'import: ';

/** The name of the annotator credited with the labels that came with an imported file. */
export function importAnnotatorName(fileName: string): string {
  return `${IMPORT_ANNOTATOR_PREFIX}${fileName}`;
}

/**
 * Whether an annotator name is an import's pseudo-annotator ({@link importAnnotatorName}): a file's
 * labels, not a person, so the labeling page never offers it as someone to label as.
 */
export function isImportAnnotatorName(name: string): boolean {
  return name.startsWith(IMPORT_ANNOTATOR_PREFIX);
}
