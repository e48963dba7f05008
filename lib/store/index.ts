/**
 * UI state (zustand): who is labeling, which dataset, labeling toggles, storage problems and training
 * status. Persistent data lives in IndexedDB (lib/db) and is read with live queries, never mirrored here.
 * Small preferences (current annotator, dataset, reveal) are remembered in localStorage.
 */
import { create } from 'zustand';
import { persist, createJSONStorage } from 'zustand/middleware';
import type { PolicyName } from '../core/labeling/policies';
import type { StorageProblem } from '../core/storage/storage-problem';

export interface SessionSlice {
  annotatorId: string | null;
  datasetId: string;
  setAnnotator: (id: string | null) => void;
  setDataset: (id: string) => void;
}

export interface LabelingSlice {
  /** Show gold after each judgment (off by default: blind labeling). */
  reveal: boolean;
  /** Next-pair policy on /label. */
  policy: PolicyName;
  /** Share of judgments that silently re-show an earlier pair with the sides swapped (0 = off). */
  auditShare: number;
  setPolicy: (p: PolicyName) => void;
  setAuditShare: (share: number) => void;
  helpOpen: boolean;
  setReveal: (on: boolean) => void;
  setHelpOpen: (open: boolean) => void;
}

export interface StorageSlice {
  /** A storage problem the user must see (quota, private window, blocked upgrade). */
  storageProblem: StorageProblem | null;
  setStorageProblem: (p: StorageProblem | null) => void;
  /** True once the database is open and built-in data is installed. */
  storageReady: boolean;
  setStorageReady: (ready: boolean) => void;
}

export type LabStore = SessionSlice & LabelingSlice & StorageSlice;

export const useLabStore = create<LabStore>()(
  persist(
    (set) => ({
      annotatorId: null,
      datasetId: 'demo',
      setAnnotator: (annotatorId) => set({ annotatorId }),
      setDataset: (datasetId) => set({ datasetId }),
      reveal: false,
      policy: 'coverage',
      auditShare: 0,
      setPolicy: (policy) => set({ policy }),
      setAuditShare: (auditShare) => set({ auditShare }),
      helpOpen: false,
      setReveal: (reveal) => set({ reveal }),
      setHelpOpen: (helpOpen) => set({ helpOpen }),
      storageProblem: null,
      setStorageProblem: (storageProblem) => set({ storageProblem }),
      storageReady: false,
      setStorageReady: (storageReady) => set({ storageReady }),
    }),
    {
      name: 'goodhart-lab-ui',
      version: 1,
      storage: createJSONStorage(() => localStorage),
      partialize: (s) => ({
        annotatorId: s.annotatorId,
        datasetId: s.datasetId,
        reveal: s.reveal,
        policy: s.policy,
        auditShare: s.auditShare,
      }),
    },
  ),
);
