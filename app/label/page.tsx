import type { Metadata } from 'next';
import { LabelWorkbench } from '@/components/label/LabelWorkbench';

export const metadata: Metadata = { title: 'Label · Goodhart Lab' };

export default function LabelPage() {
  return <LabelWorkbench />;
}
