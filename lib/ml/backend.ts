/**
 * TF.js backend selection. In Node the pure-JS `cpu` backend (quietly: no "install tfjs-node" banner);
 * in a browser or worker, WebGL when it initialises (it refuses software GL, tfjs#6839), else CPU.
 * Callers report the chosen name to the user instead of assuming.
 */
import * as tf from '@tensorflow/tfjs';

/** The backends the lab trains on (WASM lacks some gradient ops, so it is not offered). */
export type BackendName = 'webgl' | 'cpu';

const isNode = () => typeof process !== 'undefined' && !!process.versions?.node;

/** Switches to the CPU backend (and, in Node, silences TF.js's tfjs-node advertisement). */
export async function startCpuBackend(): Promise<'cpu'> {
  if (isNode()) tf.env().set('PROD', true);
  if (tf.getBackend() !== 'cpu') {
    const ok = await tf.setBackend('cpu');
    if (!ok) throw new Error('TF.js could not start its CPU backend');
  }
  await tf.ready();
  return 'cpu';
}

/** Tries WebGL (browser or worker with OffscreenCanvas) and falls back to CPU; returns the active backend. */
export async function chooseBackend(): Promise<BackendName> {
  if (!isNode()) {
    try {
      if ((await tf.setBackend('webgl')) && tf.getBackend() === 'webgl') {
        await tf.ready();
        return 'webgl';
      }
    } catch {
      // WebGL unavailable (no GPU, software GL, no OffscreenCanvas in this worker): use the CPU.
    }
  }
  return startCpuBackend();
}
