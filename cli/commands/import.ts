/**
 * `goodhart import <file> [--format F] [--mapping JSON] [--out dataset.json] [--keep-valid] [--json]`:
 * validate a dataset file in any supported format (detected unless given; `.gz` accepted), print what it
 * holds, report every problem as `file:line: [field] message`, and optionally convert it to the lab's own
 * dataset or session file. Thin wrapper over lib/core/formats.
 */
import { writeFileSync } from 'node:fs';
import { basename } from 'node:path';
import { columnMappingSchema, type ColumnMapping } from '../../lib/core/formats/mapping';
import { createFileImporter } from '../../lib/core/formats/parse';
import {
  FORMATS,
  hasErrors,
  isFormatId,
  issueCounts,
  type ImportResult,
} from '../../lib/core/formats/result';
import { exportDataset, exportSession, type SessionBundle } from '../../lib/core/formats/session';
import {
  CliError,
  formatIssue,
  parseArgs,
  problemLines,
  rankingPairsFlag,
  readFileChunks,
  type CliIO,
} from '../io';

export { formatIssue };

/** One-line description for `goodhart --help`. */
export const summary =
  'validate and convert a dataset file (TRL, HH-RLHF, ranked, TruthfulQA, mapped, lab files)';

const HELP = `usage: goodhart import <file> [--format F] [--mapping JSON] [--out dataset.json] [--keep-valid] [--content-warning TEXT] [--json]

Validates a dataset file and prints what it holds. The format is detected unless --format is given:
  ${FORMATS.join(', ')}
A .gz file is decompressed. Each problem is printed as file:line: [field] message; any error exits 1.

  --format F      force the format
  --mapping JSON  column mapping for mapped-* formats, e.g. '{"prompt":"q","responses":["a1","a2"],"winner":"w"}';
                  winner/gold numbers count from 0 or 1 as "winnerBase"/"correctBase" say, else as
                  inferred from the whole column (printed); a column that fits both is an error
  --out FILE      write the lab's dataset file (or a session file if the input has labels or is a session)
  --keep-valid    with --out, write the valid rows even if some rows have errors (exit 0)
  --ranking-pairs P  all (default): a ranking gives its C(K,2) comparisons (K ≤ 141);
                  adjacent: only the K − 1 between neighbours in the ranking
  --content-warning TEXT  the warning /label shows before the dataset's first pair ("" for none;
                  HH-RLHF transcripts get one by default)
  --json          print the summary and all issues as JSON`;

function parseMapping(text: string): ColumnMapping {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new CliError(['--mapping: not valid JSON']);
  }
  const r = columnMappingSchema.safeParse(value);
  if (!r.success)
    throw new CliError(
      r.error.issues.map((i) => `--mapping: ${i.path.join('.') || 'mapping'}: ${i.message}`),
    );
  return r.data;
}

/** The file `--out` writes: a session bundle when the import carries labels (or is one), else a dataset file. */
export function outputFile(result: ImportResult, now: number): string {
  if (result.session) return exportSession(result.session);
  if (result.comparisons.length === 0 && result.annotators.length === 0) return exportDataset(result.dataset);
  const bundle: SessionBundle = {
    format: 'goodhart-session',
    version: 1,
    exportedAt: now,
    datasets: [result.dataset],
    comparisons: result.comparisons,
    skips: [],
    annotators: result.annotators,
    models: [],
    settings: {},
  };
  return exportSession(bundle);
}

/** Run the command. */
export async function run(argv: string[], io: CliIO): Promise<number> {
  const { positionals, flags } = parseArgs(argv, {
    boolean: ['json', 'keep-valid', 'help'],
    string: ['format', 'out', 'mapping', 'ranking-pairs', 'content-warning'],
  });
  if (flags.help) {
    io.out(HELP);
    return 0;
  }
  if (positionals.length !== 1)
    throw new CliError(['usage: goodhart import <file> [--format F] [--out dataset.json] [--json]']);
  const file = positionals[0];
  const format = flags.format;
  if (typeof format === 'string' && !isFormatId(format)) {
    throw new CliError([`--format: unknown format "${format}" (one of ${FORMATS.join(', ')})`]);
  }
  const mapping = typeof flags.mapping === 'string' ? parseMapping(flags.mapping) : undefined;
  const now = Date.now();
  const importer = createFileImporter(basename(file), {
    format: typeof format === 'string' && isFormatId(format) ? format : undefined,
    mapping,
    now,
    rankingPairs: rankingPairsFlag(flags['ranking-pairs']),
    contentWarning: typeof flags['content-warning'] === 'string' ? flags['content-warning'] : undefined,
  });
  readFileChunks(file, (bytes) => importer.push(bytes));
  const result = importer.finish();
  const failed = hasErrors(result);
  // Exact counts, also when the list of problems stopped at its cap (its last line says so).
  const { errors, warnings, capped } = issueCounts(result.issues);
  const listed = result.issues.length - (capped ? 1 : 0);
  const counts = {
    format: result.format,
    prompts: result.dataset.prompts.length,
    responses: result.dataset.responses.length,
    comparisons: result.comparisons.length,
    annotators: result.annotators.length,
    duplicates: result.duplicates,
    rows: result.totalRows,
    validRows: result.validRows,
    errors,
    warnings,
  };
  // --keep-valid never writes a refused file (a truncated gzip, a bad encoding): it has no valid rows.
  const write =
    typeof flags.out === 'string' && (!failed || (flags['keep-valid'] === true && result.validRows > 0));
  if (write) {
    try {
      writeFileSync(flags.out as string, outputFile(result, now));
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      throw new CliError([`${String(flags.out)}: cannot write file${code ? ` (${code})` : ''}`]);
    }
  }
  if (flags.json)
    io.out(
      JSON.stringify({
        file,
        ...counts,
        written: write ? flags.out : null,
        readings: result.readings ?? [],
        issues: result.issues,
      }),
    );
  else {
    io.out(`${file}: ${result.format}`);
    io.out(
      `  ${counts.prompts} prompts, ${counts.responses} responses, ${counts.comparisons} comparisons, ${counts.annotators} annotators`,
    );
    io.out(
      `  ${counts.validRows}/${counts.rows} rows valid, ${counts.duplicates} duplicates merged, ${errors} errors, ${warnings} warnings` +
        (capped ? ` (more than ${listed}: the first ${listed} are listed)` : ''),
    );
    if (result.dataset.dataset.contentWarning)
      io.out(`  content warning: ${result.dataset.dataset.contentWarning}`);
    for (const r of result.readings ?? [])
      io.out(`  ${r.guessed ? 'guessed' : 'read'}: ${r.field}: ${r.reading}`);
    if (write) io.out(`  wrote ${String(flags.out)}`);
    else if (typeof flags.out === 'string')
      io.out(
        `  not written: fix the errors, or pass --keep-valid to write the ${counts.validRows} valid rows`,
      );
  }
  for (const line of problemLines(file, result.issues)) io.err(line);
  return failed && !(write && flags['keep-valid'] === true) ? 1 : 0;
}
