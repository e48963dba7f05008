import type { Metadata } from 'next';
import { OptimizeWorkbench } from '@/components/optimize/OptimizeWorkbench';

export const metadata: Metadata = { title: 'Optimise · Goodhart Lab' };

export default function OptimizePage() {
  return <OptimizeWorkbench />;
}
