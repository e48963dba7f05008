import type { Metadata } from 'next';
import { TrainWorkbench } from '@/components/train/TrainWorkbench';

export const metadata: Metadata = { title: 'Train · Goodhart Lab' };

export default function TrainPage() {
  return <TrainWorkbench />;
}
