/**
 * Training status (zustand): what the training worker is doing, its live curve and the backend it chose,
 * plus which saved run is the active model for /inspect. The runs themselves live in IndexedDB.
 */
import { create } from 'zustand';
import { persist, createJSONStorage } from 'zustand/middleware';

/** One epoch (Adam) or solver iteration of the live curve. */
export interface TrainingEpoch {
  epoch: number;
  loss: number;
  trainAccuracy: number;
  valAccuracy: number | null;
  valLoss: number | null;
  /** ‖∇f‖₂ after an exact-solver iteration (absent for an Adam epoch). */
  gradNorm?: number;
}

export type TrainingStatus = 'idle' | 'preparing' | 'training' | 'done' | 'error' | 'cancelled';

/** Progress of embedding the responses before an encoder feature set trains: model bytes, then texts. */
export interface EmbeddingStep {
  phase: 'download' | 'embed';
  done: number;
  total: number;
}

export interface TrainingState {
  status: TrainingStatus;
  history: TrainingEpoch[];
  totalEpochs: number;
  backend: string | null;
  message: string | null;
  /** While the responses are embedded (status `preparing`, encoder feature sets), how far; else null. */
  embedding: EmbeddingStep | null;
  /** Problems of this run that did not stop it (the encoder's files not kept for offline use), once each. */
  notes: string[];
  /** The run being trained or just trained. */
  runId: string | null;
  /** The run /inspect analyses (persisted). */
  activeRunId: string | null;
  begin: (totalEpochs: number) => void;
  epoch: (e: TrainingEpoch) => void;
  setBackend: (b: string) => void;
  setEmbedding: (e: EmbeddingStep | null) => void;
  addNote: (note: string) => void;
  finish: (status: 'done' | 'error' | 'cancelled', message: string | null, runId?: string | null) => void;
  setActiveRun: (id: string | null) => void;
}

export const useTrainingStore = create<TrainingState>()(
  persist(
    (set) => ({
      status: 'idle',
      history: [],
      totalEpochs: 0,
      backend: null,
      message: null,
      embedding: null,
      notes: [],
      runId: null,
      activeRunId: null,
      begin: (totalEpochs) =>
        set({ status: 'training', history: [], totalEpochs, message: null, runId: null, embedding: null }),
      epoch: (e) => set((s) => ({ history: [...s.history, e] })),
      setBackend: (backend) => set({ backend }),
      setEmbedding: (embedding) => set({ embedding }),
      addNote: (note) => set((s) => (s.notes.includes(note) ? s : { notes: [...s.notes, note] })),
      finish: (status, message, runId = null) =>
        set((s) => ({
          status,
          message,
          runId,
          embedding: null,
          activeRunId: status === 'done' && runId ? runId : s.activeRunId,
        })),
      setActiveRun: (activeRunId) => set({ activeRunId }),
    }),
    {
      name: 'goodhart-lab-training',
      version: 1,
      storage: createJSONStorage(() => localStorage),
      partialize: (s) => ({ activeRunId: s.activeRunId }),
    },
  ),
);
