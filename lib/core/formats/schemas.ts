/**
 * zod schemas for the lab's data model (lib/core/types.ts). Importers validate every record with these,
 * and the session and dataset file formats are built from them. Each schema is checked at compile time
 * against its TypeScript type, so the two cannot drift apart. Also the chat messages of TRL's
 * conversational preference rows, read by trl.ts's `readPairRow` (the TRL importer's and the pairs
 * parser's one reader of pairwise rows).
 */
import { z } from 'zod';
import type { Annotator, Comparison, Dataset, DatasetFile, Prompt, Response, Skip } from '../types';

/** Outcome of a comparison as shown: `a` = left better. */
export const outcomeSchema = z.enum(['a', 'b', 'tie', 'both_bad']);

/** Strength 1–3. */
export const strengthSchema = z.union([z.literal(1), z.literal(2), z.literal(3)]);

const id = z.string().min(1);

/** The longest content warning a dataset may carry (it is shown whole before the first pair). */
export const MAX_CONTENT_WARNING_CHARS = 2000;
const epochMs = z.number().int().nonnegative();

/** A dataset record. */
export const datasetSchema = z.object({
  id,
  name: z.string(),
  description: z.string(),
  source: z.string(),
  created: epochMs,
  contentWarning: z
    .string()
    .trim()
    .min(1, 'an empty "contentWarning" (leave it out instead)')
    .max(MAX_CONTENT_WARNING_CHARS, `"contentWarning" is longer than ${MAX_CONTENT_WARNING_CHARS} characters`)
    .optional(),
});

/** A prompt record. */
export const promptSchema = z.object({ id, datasetId: id, text: z.string(), category: z.string() });

/** A candidate response record. */
export const responseSchema = z.object({
  id,
  promptId: id,
  datasetId: id,
  text: z.string(),
  source: z.string().optional(),
  correct: z.boolean().optional(),
  goldScore: z.number().optional(),
  tags: z.array(z.string()),
});

/** An annotator record. */
export const annotatorSchema = z.object({
  id,
  name: z.string(),
  kind: z.enum(['human', 'simulated']),
  created: epochMs,
});

/** A comparison record. */
export const comparisonSchema = z.object({
  id,
  datasetId: id,
  promptId: id,
  aId: id,
  bId: id,
  outcome: outcomeSchema,
  strength: strengthSchema.optional(),
  rationale: z.string().optional(),
  annotatorId: id,
  createdAt: epochMs,
  durationMs: z.number().nonnegative(),
  repeatOf: id.optional(),
  rankingId: id.optional(),
});

/** A skip record. */
export const skipSchema = z.object({
  id,
  datasetId: id,
  promptId: id,
  aId: id,
  bId: id,
  annotatorId: id,
  createdAt: epochMs,
});

/** The lab's portable dataset file (`format: 'goodhart-dataset'`). */
export const datasetFileSchema = z.object({
  format: z.literal('goodhart-dataset'),
  version: z.literal(1),
  dataset: datasetSchema,
  prompts: z.array(promptSchema),
  responses: z.array(responseSchema),
});

/** A chat message of a TRL conversational row (`{"role": "user", "content": "…"}`; other keys ignored). */
export const chatMessageSchema = z.object({
  role: z.string().min(1, 'empty "role"'),
  content: z.string(),
});

/** A chat message as validated. */
export type ChatMessage = z.infer<typeof chatMessageSchema>;

/** A non-empty list of chat messages. */
export const conversationSchema = z.array(chatMessageSchema).min(1, 'empty list of messages');

/**
 * A TRL conversational preference row: explicit (`prompt`, `chosen` and `rejected` message lists, the
 * latter two holding the assistant's reply) or implicit (no `prompt`; `chosen` and `rejected` are whole
 * conversations sharing everything before their final assistant turn). `margin` as in the standard form.
 */
export const conversationalPreferenceSchema = z.object({
  prompt: conversationSchema.optional(),
  chosen: conversationSchema,
  rejected: conversationSchema,
  margin: z.number().finite().optional(),
});

/** A conversational preference row as validated. */
export type ConversationalPreference = z.infer<typeof conversationalPreferenceSchema>;

// Compile-time checks: each schema's output is exactly the shared type (both directions).
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const sameTypes: [
  Same<z.infer<typeof datasetSchema>, Dataset>,
  Same<z.infer<typeof promptSchema>, Prompt>,
  Same<z.infer<typeof responseSchema>, Response>,
  Same<z.infer<typeof annotatorSchema>, Annotator>,
  Same<z.infer<typeof comparisonSchema>, Comparison>,
  Same<z.infer<typeof skipSchema>, Skip>,
  Same<z.infer<typeof datasetFileSchema>, DatasetFile>,
] = [true, true, true, true, true, true, true];
void sameTypes;

/** Turns a zod error into `{field, message}` pairs (`field` is the dotted path, e.g. `responses.2.text`). */
export function zodProblems(error: z.ZodError): { field?: string; message: string }[] {
  return error.issues.map((issue) => {
    const field = issue.path.map(String).join('.');
    if (!field) return { message: issue.message };
    const missing = issue.code === 'invalid_type' && issue.message.endsWith('received undefined');
    return {
      field,
      message: missing ? `missing "${String(issue.path[issue.path.length - 1])}"` : issue.message,
    };
  });
}
