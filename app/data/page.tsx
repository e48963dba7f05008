import type { Metadata } from 'next';
import { DatasetList } from '@/components/data/DatasetList';
import { StorageUsage } from '@/components/data/StorageUsage';
import { ImportPanel } from '@/components/data/ImportPanel';
import { ExportPanel } from '@/components/data/ExportPanel';
import { AgreementPanel } from '@/components/data/AgreementPanel';
import { LeaderboardPanel } from '@/components/data/LeaderboardPanel';

export const metadata: Metadata = { title: 'Data · Goodhart Lab' };

export default function DataPage() {
  return (
    <div className="space-y-10">
      <h1 className="text-2xl font-semibold">Data</h1>
      <DatasetList />
      <ImportPanel />
      <ExportPanel />
      <AgreementPanel />
      <LeaderboardPanel />
      <StorageUsage />
    </div>
  );
}
