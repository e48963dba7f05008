import type { Metadata } from 'next';
import { MyBiases } from '@/components/room/MyBiases';

export const metadata: Metadata = { title: 'Your biases · Goodhart Lab' };

/** A participant's private "your biases" view, from their own labels in this browser. */
export default function MyBiasesPage() {
  return (
    <div className="space-y-4">
      <h1 className="text-2xl font-bold">Your biases</h1>
      <MyBiases />
    </div>
  );
}
