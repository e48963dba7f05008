import type { Metadata } from 'next';
import { DatasetList } from '@/components/data/DatasetList';
import { StorageUsage } from '@/components/data/StorageUsage';
import { ImportPanel } from '@/components/data/ImportPanel';

export const metadata: Metadata = { title: 'Data · Goodhart Lab' };

export default function DataPage() {
  return (
    <div className="space-y-8">
      <h1 className="text-2xl font-semibold">Data</h1>
      <DatasetList />
      <ImportPanel />
      <StorageUsage />
    </div>
  );
}
