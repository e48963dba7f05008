'use client';
/**
 * The labeling page's confirmation line ("Saved: left better on …", "Undone: …"): the message, its kind,
 * and whether it is still fresh (a few seconds after it was set: the visible badge fades then, the text
 * stays for screen readers and for a second look until the next message).
 */
import { useCallback, useEffect, useState } from 'react';

/** How long the Saved / Undone badge stays bright. */
export const FLASH_MS = 2500;

export type FlashKind = 'saved' | 'undone' | 'info';

export interface Flash {
  text: string;
  kind: FlashKind;
  /** Bumped per message, so the same text twice still counts as new. */
  seq: number;
}

export function useFlash() {
  const [flash, setFlash] = useState<Flash>({ text: '', kind: 'info', seq: 0 });
  const [fresh, setFresh] = useState(false);
  const show = useCallback((kind: FlashKind, text: string) => {
    setFlash((f) => ({ text, kind, seq: f.seq + 1 }));
    setFresh(true);
  }, []);
  useEffect(() => {
    if (!flash.seq) return;
    const t = setTimeout(() => setFresh(false), FLASH_MS);
    return () => clearTimeout(t);
  }, [flash.seq]);
  return { flash, fresh, show };
}
