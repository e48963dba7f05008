/** /playground: sweeps of one knob, active-learning comparisons and shareable experiments. */
import type { Metadata } from 'next';
import { PlaygroundWorkbench } from '@/components/playground/PlaygroundWorkbench';

export const metadata: Metadata = { title: 'Playground · Goodhart Lab' };

export default function PlaygroundPage() {
  return <PlaygroundWorkbench />;
}
