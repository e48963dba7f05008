// Backend choice: software WebGL renderers (as Chromium reports them) are told apart from GPUs, and Node gets the CPU.
import { describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import { chooseBackend, isSoftwareRenderer, webglRenderer } from '../../lib/ml/backend';

describe('isSoftwareRenderer', () => {
  it.each([
    // Headless Chromium 156 with --disable-gpu, read in a worker (UNMASKED_RENDERER_WEBGL).
    'ANGLE (Google, Vulkan 1.3.0 (SwiftShader Device (Subzero) (0x0000C0DE)), SwiftShader driver)',
    'Google SwiftShader',
    'ANGLE (Mesa, llvmpipe (LLVM 15.0.6, 256 bits), OpenGL 4.5)',
    'llvmpipe (LLVM 12.0.0, 256 bits)',
    'softpipe',
    'ANGLE (Microsoft, Microsoft Basic Render Driver Direct3D11 vs_5_0 ps_5_0, D3D11)',
  ])('software: %s', (name) => expect(isSoftwareRenderer(name)).toBe(true));

  it.each([
    'ANGLE (NVIDIA, NVIDIA GeForce RTX 3060 Direct3D11 vs_5_0 ps_5_0, D3D11)',
    'ANGLE (Intel, Mesa Intel(R) UHD Graphics 620 (KBL GT2), OpenGL 4.6)',
    'ANGLE (Apple, ANGLE Metal Renderer: Apple M1, Unspecified Version)',
    'Adreno (TM) 640',
    'WebKit WebGL',
  ])('hardware (or hidden): %s', (name) => expect(isSoftwareRenderer(name)).toBe(false));
});

describe('chooseBackend in Node', () => {
  it('has no WebGL renderer and picks the CPU backend', async () => {
    expect(webglRenderer()).toBeNull();
    expect(await chooseBackend()).toBe('cpu');
    expect(tf.getBackend()).toBe('cpu');
  });
});
