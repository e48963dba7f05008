/**
 * Preference rows without a plain `prompt` string turned into prompt and reply texts: TRL's conversational
 * rows (message lists `{"role", "content"}`, with or without `prompt`) and HH-RLHF transcript pairs. Used
 * through trl.ts's `readPairRow`, which the TRL importer and the pairs parser (pairs.ts) share.
 */
import type { ChatMessage, ConversationalPreference } from './schemas';

/**
 * The content warning an HH-RLHF import carries unless told otherwise: its red-team conversations are
 * offensive on purpose (Anthropic's own README warns of the same).
 */
export const HH_CONTENT_WARNING =
  'HH-RLHF includes red-team conversations written to draw out harmful replies: expect offensive, ' +
  'upsetting and dangerous content (violence, abuse, self-harm, hate) in prompts and responses.';

/** HH-RLHF's turn marker; the implicit prompt runs up to and including the last shared one. */
export const HH_ASSISTANT = '\n\nAssistant:';

/**
 * Splits an HH-RLHF pair of transcripts into prompt and the two final responses: the prompt is the text
 * both share, up to and including the last shared `\n\nAssistant:`; each response is the rest, trimmed.
 * Returns undefined when the transcripts share no assistant turn.
 */
export function splitHhTranscripts(
  chosen: string,
  rejected: string,
): { prompt: string; chosen: string; rejected: string } | undefined {
  let common = 0;
  const max = Math.min(chosen.length, rejected.length);
  while (common < max && chosen.charCodeAt(common) === rejected.charCodeAt(common)) common++;
  const at = chosen.slice(0, common).lastIndexOf(HH_ASSISTANT);
  if (at < 0) return undefined;
  const end = at + HH_ASSISTANT.length;
  return {
    prompt: chosen.slice(0, end),
    chosen: chosen.slice(end).trim(),
    rejected: rejected.slice(end).trim(),
  };
}

/** Whether a row is in TRL's conversational form: any of `prompt`, `chosen`, `rejected` is a list. */
export function isConversationalRow(value: unknown): boolean {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  return Array.isArray(v.prompt) || Array.isArray(v.chosen) || Array.isArray(v.rejected);
}

/** The speaker name a role gets in a transcript: `user` → Human (as in HH-RLHF), others capitalised. */
function speaker(role: string): string {
  if (role === 'user') return 'Human';
  return role.charAt(0).toUpperCase() + role.slice(1);
}

/**
 * The prompt text for the messages before a reply. A lone user message is its content unchanged, so a
 * single-turn conversational row gives the same prompt as the standard form; anything else becomes an
 * HH-RLHF transcript ending where the reply goes (`\n\nSystem: …\n\nHuman: …\n\nAssistant: …\n\nHuman:
 * …\n\nAssistant:`), the very text an HH-RLHF import of the same conversation gives, shown one turn per
 * paragraph on the labeling page.
 */
export function conversationPrompt(messages: readonly ChatMessage[]): string {
  if (messages.length === 1 && messages[0].role === 'user') return messages[0].content;
  return messages.map((m) => `\n\n${speaker(m.role)}: ${m.content}`).join('') + HH_ASSISTANT;
}

/** The reply text of assistant messages: their contents, joined by a blank line. */
function replyText(messages: readonly ChatMessage[]): string {
  return messages.map((m) => m.content).join('\n\n');
}

/** A problem in a conversational row (`field` is the dotted path, e.g. `chosen.1.role`). */
export interface RowProblem {
  field?: string;
  message: string;
}

/** Index where the trailing run of assistant messages starts (`messages.length` when there is none). */
function finalTurnStart(messages: readonly ChatMessage[]): number {
  let k = messages.length;
  while (k > 0 && messages[k - 1].role === 'assistant') k--;
  return k;
}

const sameMessage = (a: ChatMessage, b: ChatMessage) => a.role === b.role && a.content === b.content;

/**
 * Prompt and reply texts of a validated TRL conversational row. Explicit form: the prompt is `prompt`
 * (see {@link conversationPrompt}); `chosen` and `rejected` must hold only assistant messages. Implicit
 * form: each side's final turn is its trailing run of assistant messages, and the messages before it
 * must be the same on both sides: they are the prompt. Several assistant messages in a reply are joined
 * by a blank line; contents are kept as they are (not trimmed). Returns the problems instead when the
 * row does not fit.
 */
export function splitConversation(
  row: ConversationalPreference,
): { prompt: string; chosen: string; rejected: string } | { problems: RowProblem[] } {
  const problems: RowProblem[] = [];
  const sides = ['chosen', 'rejected'] as const;
  if (row.prompt) {
    for (const side of sides)
      row[side].forEach((m, i) => {
        if (m.role !== 'assistant')
          problems.push({
            field: `${side}.${i}.role`,
            message: `expected an "assistant" message after "prompt", got ${JSON.stringify(m.role)}`,
          });
      });
    if (problems.length > 0) return { problems };
    return {
      prompt: conversationPrompt(row.prompt),
      chosen: replyText(row.chosen),
      rejected: replyText(row.rejected),
    };
  }
  const start = { chosen: finalTurnStart(row.chosen), rejected: finalTurnStart(row.rejected) };
  for (const side of sides) {
    const n = row[side].length;
    if (start[side] === n)
      problems.push({
        field: `${side}.${n - 1}.role`,
        message: 'no "prompt", and the conversation does not end with an "assistant" message',
      });
    else if (start[side] === 0)
      problems.push({ field: side, message: 'no "prompt", and no messages before the final assistant turn' });
  }
  if (problems.length > 0) return { problems };
  const shared = Math.min(start.chosen, start.rejected);
  let i = 0;
  while (i < shared && sameMessage(row.chosen[i], row.rejected[i])) i++;
  if (i < shared || start.chosen !== start.rejected) {
    const side = i < start.rejected ? 'rejected' : 'chosen';
    return {
      problems: [
        {
          field: `${side}.${i}`,
          message: `no "prompt", and "chosen"/"rejected" differ at message ${i}, before their final assistant turn; they must share the prompt`,
        },
      ],
    };
  }
  return {
    prompt: conversationPrompt(row.chosen.slice(0, i)),
    chosen: replyText(row.chosen.slice(i)),
    rejected: replyText(row.rejected.slice(i)),
  };
}
