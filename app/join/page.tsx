import type { Metadata } from 'next';
import { Suspense } from 'react';
import { JoinForm } from '@/components/room/JoinForm';

export const metadata: Metadata = { title: 'Join the room · Goodhart Lab' };

/** /join?code=…: a participant's way into a workshop room (the code rides in the link). */
export default function JoinPage() {
  return (
    <Suspense fallback={<p>Loading…</p>}>
      <JoinForm />
    </Suspense>
  );
}
