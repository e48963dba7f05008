// Quota thresholds and byte formatting, hand-computed.
import { describe, expect, it } from 'vitest';
import { formatBytes, quotaStatus } from '../../lib/core/storage/quota';

describe('quota', () => {
  it('classifies usage', () => {
    expect(quotaStatus(50, 100)).toEqual({ level: 'ok', fraction: 0.5 });
    expect(quotaStatus(80, 100).level).toBe('warn');
    expect(quotaStatus(95, 100).level).toBe('critical');
    expect(quotaStatus(10, 0)).toEqual({ level: 'ok', fraction: 0 });
  });
  it('formats bytes', () => {
    expect(formatBytes(0)).toBe('0 B');
    expect(formatBytes(1536)).toBe('1.5 KB');
    expect(formatBytes(10 * 1024 * 1024)).toBe('10 MB');
    expect(formatBytes(-1)).toBe('?');
  });
});
