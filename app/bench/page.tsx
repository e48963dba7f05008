// /bench: the benchmark harness route for `npm run bench:train` and the encoder's e2e test and bench (not linked from the navigation, not indexed).
import type { Metadata } from 'next';
import { EncoderBench } from '@/components/bench/EncoderBench';
import { TrainBench } from '@/components/bench/TrainBench';

export const metadata: Metadata = {
  title: 'Benchmark harness · Goodhart Lab',
  robots: { index: false, follow: false },
};

/** The benchmark harness page: training, then the sentence encoder (downloaded only when used). */
export default function BenchPage() {
  return (
    <div className="space-y-10">
      <TrainBench />
      <EncoderBench />
    </div>
  );
}
