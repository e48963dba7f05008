// A real workshop room for the room specs: `goodhart room --json --no-build` in its own process on a fresh
// folder and the given port (127.0.0.1 is the only address the tests contact), its first --json line, and
// a stop that waits for the process and removes the folder.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface RoomProcess {
  child: ChildProcess;
  dir: string;
  /** The --json line: the join and facilitator links, the join code and the facilitator token. */
  join: string;
  facilitator: string;
  code: string;
  token: string;
  stop(): Promise<void>;
}

/** Starts the room and resolves with its first --json line (30 s at most). */
export async function startRoomProcess(port: number, prefix = 'room-e2e'): Promise<RoomProcess> {
  const dir = mkdtempSync(join(tmpdir(), `goodhart-${prefix}-`));
  const child = spawn(
    process.execPath,
    ['bin/goodhart.mjs', 'room', '--json', '--no-build', '--port', String(port), '--data', dir],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let out = '';
  let err = '';
  child.stderr?.on('data', (c: Buffer) => (err += c.toString()));
  const first = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the room did not start in 30 s: ${err}`)), 30_000);
    child.stdout?.on('data', (c: Buffer) => {
      out += c.toString();
      const nl = out.indexOf('\n');
      if (nl >= 0) {
        clearTimeout(timer);
        resolve(out.slice(0, nl));
      }
    });
    child.once('exit', (status) => {
      clearTimeout(timer);
      reject(new Error(`the room exited (${status}): ${err}`));
    });
  });
  const line = JSON.parse(first) as { join: string; facilitator: string; code: string; token: string };
  return {
    child,
    dir,
    ...line,
    async stop() {
      if (child.exitCode === null && child.signalCode === null) {
        const exited = new Promise((resolve) => child.once('exit', resolve));
        child.kill('SIGTERM');
        await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 10_000))]);
        if (child.exitCode === null) child.kill('SIGKILL');
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
