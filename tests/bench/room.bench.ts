// `npm run bench:room`: a room server (`goodhart room --json --no-build`, its own process) and 40 simulated
// participants (Node y-websocket clients over the same provider the page uses), each labelling one pair
// every 2 s for ROOM_BENCH_SECONDS (default 300). Prints: labels sent and arrived (each once?), the time
// from a participant's label to the facilitator's live view (a read-only Yjs client on every participant
// document) and to the dashboard's count (the summary API polled every SUMMARY_POLL_MS, as /room does),
// and the server's CPU and peak memory. Loopback only; every loop is bounded by the duration.
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { WebSocket } from 'ws';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import {
  LABELS_MAP,
  SYNC_PATH,
  participantDocName,
  roomSummarySchema,
  type JoinResponse,
} from '../../lib/core/room/protocol';
import { SUMMARY_POLL_MS } from '../../lib/core/room/dashboard';
import type { Comparison } from '../../lib/core/types';

// Every provider adds a process 'exit' listener in Node: 80 of them are expected here.
process.setMaxListeners(0);

const PARTICIPANTS = Number(process.env.ROOM_BENCH_PARTICIPANTS ?? 40);
const SECONDS = Number(process.env.ROOM_BENCH_SECONDS ?? 300);
const PORT = Number(process.env.ROOM_BENCH_PORT ?? 3360);
const BASE = `http://127.0.0.1:${PORT}`;
const WS = `ws://127.0.0.1:${PORT}${SYNC_PATH}`;

const quantile = (xs: number[], q: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? s[Math.min(s.length - 1, Math.floor(q * s.length))] : NaN;
};

/** CPU seconds (user + system) and resident memory (MiB) of a process, from /proc. */
function sample(pid: number): { cpu: number; rssMiB: number } {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  const ticks = Number(stat[11]) + Number(stat[12]);
  const rss = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return { cpu: ticks / 100, rssMiB: rss ? Number(rss[1]) / 1024 : NaN };
}

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'goodhart-room-bench-'));
  const server = spawn(
    process.execPath,
    ['bin/goodhart.mjs', 'room', '--json', '--no-build', '--port', String(PORT), '--data', dir],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  const first = await new Promise<string>((resolve, reject) => {
    createInterface({ input: server.stdout! }).once('line', resolve);
    server.once('exit', (code) => reject(new Error(`room server exited (${code})`)));
  });
  const { code, token } = JSON.parse(first) as { code: string; token: string };
  const demo = JSON.parse(readFileSync('public/demo/goodhart-demo.json', 'utf8')) as {
    prompts: { id: string }[];
    responses: { id: string; promptId: string }[];
  };
  const pairs = demo.prompts.map((p) => demo.responses.filter((r) => r.promptId === p.id).map((r) => r.id));

  // Join everyone over the API, then connect a provider per participant, and the facilitator to every doc.
  const people: (JoinResponse & { doc: Y.Doc; provider: WebsocketProvider })[] = [];
  for (let i = 0; i < PARTICIPANTS; i++) {
    const res = await fetch(`${BASE}/api/room/join`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ code, name: `Participant ${i + 1}` }),
    });
    const joined = (await res.json()) as JoinResponse;
    const doc = new Y.Doc();
    const provider = new WebsocketProvider(WS, participantDocName(joined.participantId), doc, {
      params: { token: joined.token },
      WebSocketPolyfill: WebSocket as never,
    });
    people.push({ ...joined, doc, provider });
  }
  const seen = new Map<string, number>(); // label id → when the facilitator's view first had it
  const watchers = people.map((p) => {
    const doc = new Y.Doc();
    const provider = new WebsocketProvider(WS, participantDocName(p.participantId), doc, {
      params: { token },
      WebSocketPolyfill: WebSocket as never,
    });
    doc.getMap(LABELS_MAP).observe((e) => {
      const now = Date.now();
      for (const key of e.keysChanged) if (!seen.has(key)) seen.set(key, now);
    });
    return { doc, provider };
  });
  await new Promise((r) => setTimeout(r, 1500));

  const sent = new Map<string, number>(); // label id → when the participant wrote it
  const order: number[] = []; // send times, in the order labels were written (all participants)
  const counted: number[] = []; // summary-API latency per label
  let summaryCount = 0;
  const cpu0 = sample(server.pid!);
  let peakRss = cpu0.rssMiB;
  const t0 = Date.now();
  const end = t0 + SECONDS * 1000;
  const timers = people.map((p, i) => {
    let n = 0;
    const write = () => {
      if (Date.now() >= end) return;
      const pool = pairs[(i + n) % pairs.length];
      const id = `bench-${p.participantId}-${n++}`;
      const created = Date.now();
      const record: Comparison = {
        id,
        datasetId: p.datasetId,
        promptId: demo.prompts[(i + n) % pairs.length].id,
        aId: pool[0],
        bId: pool[1],
        outcome: n % 2 ? 'a' : 'b',
        strength: 2,
        annotatorId: p.participantId,
        createdAt: created,
        durationMs: 2000,
      };
      p.doc.getMap(LABELS_MAP).set(id, record);
      sent.set(id, created);
      order.push(created);
    };
    // Stagger the start so the room is not in lock-step.
    return setTimeout(
      () => {
        write();
        const every = setInterval(write, 2000);
        setTimeout(() => clearInterval(every), SECONDS * 1000);
      },
      (2000 * i) / PARTICIPANTS,
    );
  });
  while (Date.now() < end + 3000) {
    await new Promise((r) => setTimeout(r, SUMMARY_POLL_MS));
    const res = await fetch(`${BASE}/api/room/summary`, { headers: { authorization: `Bearer ${token}` } });
    const summary = roomSummarySchema.parse(await res.json());
    const now = Date.now();
    // The k-th label written is counted once the summary's total reaches k (an upper bound per label).
    while (summaryCount < summary.labels && summaryCount < order.length) {
      counted.push(now - order[summaryCount]);
      summaryCount++;
    }
    const s = sample(server.pid!);
    peakRss = Math.max(peakRss, s.rssMiB);
  }
  const cpu1 = sample(server.pid!);
  timers.forEach(clearTimeout);

  const arrived = [...sent.keys()].filter((id) => seen.has(id));
  const latencies = arrived.map((id) => seen.get(id)! - sent.get(id)!);
  const final = roomSummarySchema.parse(
    await (await fetch(`${BASE}/api/room/summary`, { headers: { authorization: `Bearer ${token}` } })).json(),
  );
  const wall = (Date.now() - t0) / 1000;
  console.log(`[room] ${PARTICIPANTS} participants, one label per 2 s each, ${SECONDS} s`);
  console.log(
    `[room] labels sent ${sent.size}, seen live by the facilitator ${arrived.length}, counted by the summary ${final.labels} (${final.labels === sent.size ? 'each once' : 'MISMATCH'})`,
  );
  console.log(
    `[room] label → facilitator's live view: p50 ${quantile(latencies, 0.5)} ms, p95 ${quantile(latencies, 0.95)} ms, max ${latencies.reduce((m, x) => Math.max(m, x), 0)} ms`,
  );
  console.log(
    `[room] label → dashboard's count (summary polled every ${SUMMARY_POLL_MS} ms): p50 ${quantile(counted, 0.5)} ms, p95 ${quantile(counted, 0.95)} ms`,
  );
  console.log(
    `[room] server CPU ${(cpu1.cpu - cpu0.cpu).toFixed(1)} s over ${wall.toFixed(0)} s (${((100 * (cpu1.cpu - cpu0.cpu)) / wall).toFixed(1)}% of one core), RSS ${cpu0.rssMiB.toFixed(0)} → peak ${peakRss.toFixed(0)} MiB`,
  );
  for (const w of watchers) w.provider.destroy();
  for (const p of people) p.provider.destroy();
  server.kill('SIGTERM');
  await new Promise((r) => server.once('exit', r));
  rmSync(dir, { recursive: true, force: true });
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
