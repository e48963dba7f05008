'use client';
/** Placeholder: replaced by the storage gate that opens IndexedDB and shows storage errors. */
export function StorageGate({ children }: { children: React.ReactNode }) {
  return <>{children}</>;
}
