import type { Metadata } from 'next';
import { Dashboard } from '@/components/room/Dashboard';

export const metadata: Metadata = { title: 'Room dashboard · Goodhart Lab' };

/** The facilitator's dashboard: opened from the facilitator link (`/room#token=…`) that `goodhart room` prints. */
export default function RoomPage() {
  return <Dashboard />;
}
