// /bench: the benchmark harness route for `npm run bench:train` (not linked from the navigation, not indexed).
import type { Metadata } from 'next';
import { TrainBench } from '@/components/bench/TrainBench';

export const metadata: Metadata = {
  title: 'Benchmark harness · Goodhart Lab',
  robots: { index: false, follow: false },
};

/** The training benchmark harness page. */
export default function BenchPage() {
  return <TrainBench />;
}
