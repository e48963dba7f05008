import type { Metadata } from 'next';
import { LabelModeSwitch } from '@/components/rank/LabelModeSwitch';

export const metadata: Metadata = { title: 'Label · Goodhart Lab' };

export default function LabelPage() {
  return <LabelModeSwitch />;
}
