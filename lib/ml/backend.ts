/**
 * TF.js backend selection. In Node the pure-JS `cpu` backend (quietly: no "install tfjs-node" banner);
 * in a browser or worker, WebGL when it initialises on a hardware GPU, else CPU. TF.js asks for
 * `failIfMajorPerformanceCaveat` (tfjs#6839), but Chromium still hands out SwiftShader (software Vulkan
 * behind ANGLE) under `--disable-gpu` or without a GPU, and there WebGL trained the benchmark's 10k pairs
 * 4.5× slower than the CPU backend (7.7 s vs 1.7 s, tests/bench/train-browser.bench.ts); so a software
 * renderer counts as "no WebGL".
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

/** Renderer names of software GL implementations (SwiftShader, Mesa llvmpipe/softpipe, Microsoft Basic Render). */
const SOFTWARE_GL = /swiftshader|llvmpipe|softpipe|software rasterizer|basic render/i;

/** True when a WebGL renderer string names a software implementation rather than a GPU. */
export function isSoftwareRenderer(renderer: string): boolean {
  return SOFTWARE_GL.test(renderer);
}

/**
 * The unmasked renderer of a WebGL context created the way TF.js creates one (OffscreenCanvas, in a
 * worker too), or null when there is none or the name is hidden.
 */
export function webglRenderer(): string | null {
  try {
    if (typeof OffscreenCanvas === 'undefined') return null;
    const canvas = new OffscreenCanvas(1, 1);
    const gl = (canvas.getContext('webgl2', { failIfMajorPerformanceCaveat: true }) ??
      canvas.getContext('webgl', { failIfMajorPerformanceCaveat: true })) as WebGLRenderingContext | null;
    if (!gl) return null;
    const ext = gl.getExtension('WEBGL_debug_renderer_info');
    const name = String(gl.getParameter(ext ? ext.UNMASKED_RENDERER_WEBGL : gl.RENDERER) ?? '');
    gl.getExtension('WEBGL_lose_context')?.loseContext();
    return name || null;
  } catch {
    return null;
  }
}

/**
 * Tries WebGL (browser or worker with OffscreenCanvas) unless the renderer is software, and falls back
 * to CPU; returns the active backend.
 */
export async function chooseBackend(): Promise<BackendName> {
  const renderer = isNode() ? null : webglRenderer();
  if (!isNode() && !(renderer && isSoftwareRenderer(renderer))) {
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
