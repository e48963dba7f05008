/**
 * Public API of the import/export formats: what the /data page, the import worker, the db layer and
 * the CLI use. Everything here is pure (no I/O, no framework) and never throws on bad input.
 */
export type { ImportIssue, ImportOptions, ImportResult, FormatId, RowSink } from './result';
export { FORMATS, isFormatId, hasErrors } from './result';
export type { ParseOptions } from './parse';
export {
  parseFile,
  parseFileBytes,
  createImporter,
  createJsonlImporter,
  createFileImporter,
  JSONL_FORMATS,
} from './parse';
export type { FileImporter } from './parse';
export type { ByteDecoder, DecodeOptions, DecodeOutcome, TextEncodingName } from './decode';
export { createByteDecoder, decodeBytes } from './decode';
export { MAX_TEXT_BYTES } from './limits';
export { isGzip } from './gzip';
export type { Detection } from './detect';
export { detectFormat } from './detect';
export type { ColumnMapping } from './mapping';
export { suggestMapping, columnMappingSchema } from './mapping';
export type { SessionBundle } from './session';
export { sessionBundleSchema, exportSession, exportDataset } from './session';
export type { ExportInput, PairExportOptions, TrlRow } from './export';
export { exportTrlJsonl, exportHhJsonl, exportLabelsJsonl, preferencePairs, labelLines } from './export';
export type { LabelLine } from './labels';
export { marginToStrength, strengthToMargin } from './trl';
export { hhTranscript } from './export';
export { hashId } from './hash';
