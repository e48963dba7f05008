import type { Metadata } from 'next';
import { InspectWorkbench } from '@/components/inspect/InspectWorkbench';

export const metadata: Metadata = { title: 'Inspect · Goodhart Lab' };

export default function InspectPage() {
  return <InspectWorkbench />;
}
