// A second static server for the specs that must stop and restart it (offline after the server is gone,
// a rebuild over a warm cache): scripts/serve.mjs in its own process, on its own port.
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';

/** Starts scripts/serve.mjs on `port` (over `dir`, default out/) and resolves once it is listening. */
export async function startServer(port: number, dir?: string): Promise<ChildProcess> {
  const args = ['scripts/serve.mjs', '--port', String(port), ...(dir ? ['--dir', dir] : [])];
  const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  await new Promise<void>((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes('is running')) resolve();
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.once('exit', (code) => reject(new Error(`server exited (${code}): ${output}`)));
  });
  return child;
}

/** Stops the server and waits until its process has exited. */
export async function stopServer(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = once(child, 'exit');
  child.kill('SIGTERM');
  await exited;
}
