// goodhart room as a real process: it writes labels, is killed with SIGKILL, restarts on the same --data
// folder, and every acknowledged label is still there; \`goodhart room export\` writes them (lab file, TRL)
// and names a folder without a room.
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { afterAll, describe, expect, it } from 'vitest';
import { calibrationDone } from '../../lib/core/labeling/calibration';
import { parseJson } from '../../lib/core/formats/json';
import { parseLabFile } from '../../lib/core/formats/session';
import { LABELS_MAP, type JoinResponse } from '../../lib/core/room/protocol';
import { cli, tempFolder } from './cli-harness';
import { join_, label, nodeProvider, summary, until } from './room-fixture';

const tmp = tempFolder('room-restart');

describe('goodhart room survives SIGKILL', () => {
  const dir = join(tmp.dir, 'killed');
  const children: ChildProcess[] = [];
  afterAll(() => {
    for (const c of children) if (c.exitCode === null) c.kill('SIGKILL');
  });

  /** Spawns the real command; resolves with the parsed first stdout line. */
  async function spawnRoom(): Promise<{ child: ChildProcess; first: Record<string, string> }> {
    const child = spawn(
      process.execPath,
      ['bin/goodhart.mjs', 'room', '--json', '--no-build', '--port', '0', '--data', dir],
      {
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    children.push(child);
    const lines = createInterface({ input: child.stdout! });
    const first = await new Promise<string>((resolve, reject) => {
      const t = setTimeout(() => reject(new Error('goodhart room printed nothing in 30 s')), 30_000);
      lines.once('line', (l) => {
        clearTimeout(t);
        resolve(l);
      });
    });
    const json = parseJson(first);
    if (!json.ok) throw new Error(`first line is not JSON: ${first}`);
    return { child, first: json.value as Record<string, string> };
  }

  it('writes labels, is killed with -9, restarts on the same --data, and every label is still there', async () => {
    const one = await spawnRoom();
    expect(Object.keys(one.first)).toEqual(['join', 'facilitator', 'code', 'token']);
    expect(one.first.facilitator).toContain(`#token=${encodeURIComponent(one.first.token)}`);
    const port = Number(new URL(one.first.join).port);
    const base = `http://127.0.0.1:${port}`;
    const me = (await join_(base, { code: one.first.code, name: 'Kim' })).json as JoinResponse;
    const p = nodeProvider(port, me);
    await until(() => p.synced);
    const ids = ['k0', 'k1', 'k2', 'k3', 'k4'];
    for (const id of ids) p.doc.getMap(LABELS_MAP).set(id, label(id, { annotatorId: me.participantId }));
    await until(async () => (await summary(base, one.first.token)).labels === ids.length);
    one.child.kill('SIGKILL');
    await new Promise((r) => one.child.once('exit', r));
    p.destroy();

    const two = await spawnRoom();
    expect(two.first.code).toBe(one.first.code);
    expect(two.first.token).toBe(one.first.token);
    const base2 = `http://127.0.0.1:${new URL(two.first.join).port}`;
    expect(await summary(base2, two.first.token)).toEqual({
      participants: [
        {
          name: 'Kim',
          labels: 5,
          present: false,
          calibrated: calibrationDone(me.calibration ?? [], [label('x')]),
        },
      ],
      labels: 5,
      calibration: 10,
    });
    const again = await join_(base2, { code: two.first.code, name: 'kim' });
    expect(again.status).toBe(409);
    const out = join(tmp.dir, 'exported.json');
    expect(await cli('room', 'export', '--data', dir, '--out', out)).toMatchObject({ code: 0 });
    const bundle = parseLabFile(out, readFileSync(out, 'utf8'), { now: 0 });
    expect(bundle.comparisons.map((c) => c.id).sort()).toEqual(ids);
    expect(bundle.annotators.map((a) => a.name)).toEqual(['Kim']);
    const trl = join(tmp.dir, 'exported.jsonl');
    expect(await cli('room', 'export', '--data', dir, '--out', trl, '--format', 'trl')).toMatchObject({
      code: 0,
    });
    expect(readFileSync(trl, 'utf8').trim().split('\n')).toHaveLength(ids.length);
    expect(await cli('room', 'export', '--data', join(tmp.dir, 'none'), '--out', trl)).toEqual({
      code: 1,
      out: [],
      err: [`${join(tmp.dir, 'none', 'room.json')}: no room here (start one with goodhart room)`],
    });
    two.child.kill('SIGTERM');
    await new Promise((r) => two.child.once('exit', r));
    expect(two.child.exitCode).toBe(0);
  });
});
