'use client';
/**
 * How far the sentence encoder has got before an encoder feature set can train or be inspected: the model's
 * download (megabytes, first use only) then the responses embedded, as a labelled progress bar, with a
 * Cancel button when the caller can stop it.
 */
import { Button } from './Button';

/** Progress as the encoder reports it (lib/workers/encoder-api.ts EmbedProgress). */
export interface EmbeddingProgressValue {
  phase: 'download' | 'embed';
  done: number;
  total: number;
}

const mb = (bytes: number) => (bytes / 1e6).toFixed(1);

/** The sentence describing `p`. */
export function embeddingProgressText(p: EmbeddingProgressValue): string {
  return p.phase === 'download'
    ? `Downloading the sentence encoder (first use only): ${mb(p.done)} of ${mb(p.total)} MB`
    : `Embedding responses with the sentence encoder: ${p.done} of ${p.total}`;
}

export function EmbeddingProgress({
  value,
  onCancel,
  testId = 'embedding-progress',
}: {
  value: EmbeddingProgressValue;
  onCancel?: () => void;
  testId?: string;
}) {
  const text = embeddingProgressText(value);
  return (
    <div className="flex flex-wrap items-center gap-3 text-sm" data-testid={testId} data-phase={value.phase}>
      <progress
        max={Math.max(1, value.total)}
        value={Math.min(value.done, value.total)}
        aria-label={text}
        className="w-48"
      />
      <span>{text}</span>
      {onCancel && (
        <Button variant="danger" onClick={onCancel}>
          Cancel
        </Button>
      )}
    </div>
  );
}
