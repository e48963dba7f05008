/**
 * `goodhart room [--port 3000] [--data DIR] [--dataset ID] [--calibration 10] [--json]`: serves the
 * workshop room (the built app, the room API and the Yjs sync socket on one port, every interface) and
 * prints the join link with a QR code, the join code and the facilitator link for each LAN address. `goodhart room export
 * --data DIR --out FILE [--format session|trl]` writes the room from its documents on disk.
 */
import { existsSync, writeFileSync } from 'node:fs';
import { networkInterfaces } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import QRCode from 'qrcode';
import {
  DEFAULT_CALIBRATION_PAIRS,
  MAX_CALIBRATION_PAIRS,
  facilitatorUrl,
  joinUrl,
} from '../../lib/core/room/protocol';
import { CliError, intFlag, parseArgs } from '../io';
import type { CliIO } from '../io';
import { DocStore } from '../room/docs';
import { ROOM_EXPORT_FORMATS, roomExport } from '../room/export';
import { createRoomServer } from '../room/server';
import { RoomState } from '../room/state';
import { loadDataset } from './simulate';

/** One-line description for `goodhart --help`. */
export const summary = 'serve a workshop room: everyone labels live from a browser, on one laptop';

/** The room's folder when --data is not given. */
export const DEFAULT_DATA_DIR = './goodhart-room';

const HELP = `usage: goodhart room [--port 3000] [--data DIR] [--dataset FILE] [--calibration K] [--json]
       goodhart room export --data DIR --out FILE [--format session|trl]

Serves the app, the room's API and its sync socket on one port of every network interface, and prints
for each LAN address (and localhost) the join link with a QR code, the join code and the facilitator link.

  --port N      port (default 3000)
  --data DIR    the room's folder (default ${DEFAULT_DATA_DIR}): room.json, dataset.json, docs/*.log.
                Restarting on the same folder keeps the code, the token, the participants and every label.
  --dataset F   the dataset of a new room: "demo" (default, the built-in pack) or a goodhart-dataset /
                goodhart-session JSON file path; an existing room keeps its own
  --calibration K
                pairs of a new room that every participant labels first, in their own order and sides
                (default ${DEFAULT_CALIBRATION_PAIRS}, at most ${MAX_CALIBRATION_PAIRS}, 0 for none); an existing room keeps its own set
  --no-build    serve out/ as it is, without building the app when it is missing or stale
  --json        first stdout line: {"join": URL, "facilitator": URL, "code": CODE, "token": TOKEN}

export:
  --out FILE    where to write the room
  --format F    session (default: a goodhart-session bundle) or trl (TRL preference JSONL)`;

/** The origins the room is reachable at: each non-internal IPv4 address, then localhost. */
export function roomOrigins(port: number): string[] {
  const lan: string[] = [];
  for (const list of Object.values(networkInterfaces()))
    for (const a of list ?? [])
      if (a.family === 'IPv4' && !a.internal) lan.push(`http://${a.address}:${port}`);
  return [...lan, `http://localhost:${port}`];
}

async function exportRoom(argv: string[], io: CliIO): Promise<number> {
  const { positionals, flags } = parseArgs(argv, { boolean: ['help'], string: ['data', 'out', 'format'] });
  if (flags.help) {
    io.out(HELP);
    return 0;
  }
  if (positionals.length > 0)
    throw new CliError([`unexpected argument "${positionals[0]}"`, HELP.split('\n')[1]]);
  if (typeof flags.out !== 'string') throw new CliError(['missing --out FILE', HELP.split('\n')[1]]);
  const format = ROOM_EXPORT_FORMATS.find((f) => f === (flags.format ?? 'session'));
  if (!format)
    throw new CliError([
      `--format: expected ${ROOM_EXPORT_FORMATS.join(' or ')}, got "${String(flags.format)}"`,
    ]);
  const dir = typeof flags.data === 'string' ? flags.data : DEFAULT_DATA_DIR;
  const room = RoomState.open(dir, null, true);
  const store = new DocStore(RoomState.paths(dir).docs, { readOnly: true, warn: io.err });
  try {
    const file = roomExport(room, store, format);
    writeFileSync(flags.out, file.text);
    io.err(`wrote ${flags.out} (${format}, ${room.participants.length} participants)`);
  } finally {
    store.close();
  }
  return 0;
}

/** Runs the command; resolves with the exit code once the server stops (SIGINT/SIGTERM). */
export async function run(argv: string[], io: CliIO): Promise<number> {
  if (argv[0] === 'export') return exportRoom(argv.slice(1), io);
  const { positionals, flags } = parseArgs(argv, {
    boolean: ['json', 'help', 'no-build'],
    string: ['port', 'data', 'dataset', 'calibration'],
  });
  if (flags.help) {
    io.out(HELP);
    return 0;
  }
  if (positionals.length > 0)
    throw new CliError([`unexpected argument "${positionals[0]}"`, HELP.split('\n')[0]]);
  const port = intFlag(flags.port, 'port', 3000, 0);
  if (port > 65535) throw new CliError([`--port must be at most 65535, got "${port}"`]);
  const dir = typeof flags.data === 'string' ? flags.data : DEFAULT_DATA_DIR;
  const datasetArg = typeof flags.dataset === 'string' ? flags.dataset : null;
  const fresh = !existsSync(RoomState.paths(dir).room);
  const dataset = datasetArg || fresh ? loadDataset(datasetArg ?? 'demo', io.err).dataset : null;
  const calibration = intFlag(flags.calibration, 'calibration', DEFAULT_CALIBRATION_PAIRS, 0);
  if (calibration > MAX_CALIBRATION_PAIRS)
    throw new CliError([`--calibration must be at most ${MAX_CALIBRATION_PAIRS}, got "${calibration}"`]);

  // The app is this package's out/, wherever the command is run from (the build works in the package root).
  const root = fileURLToPath(new URL('../../', import.meta.url));
  if (!flags['no-build']) {
    // The build prints progress to stdout; the --json line must come first, so it goes to stderr.
    const { ensureBuild } = await import('../../scripts/ensure-build.mjs');
    const log = console.log;
    const cwd = process.cwd();
    console.log = (...a: unknown[]) => io.err(a.map(String).join(' '));
    try {
      process.chdir(root);
      ensureBuild();
    } finally {
      process.chdir(cwd);
      console.log = log;
    }
  }
  let outDir: string | null = join(root, 'out');
  if (!existsSync(outDir)) {
    io.err(
      `${outDir}: the app is not built, so only the room API and sync are served (run without --no-build)`,
    );
    outDir = null;
  }

  const room = createRoomServer({
    dataDir: resolve(dir),
    dataset,
    calibration,
    outDir,
    log: io.err,
    origins: roomOrigins,
  });
  const kept = room.room.calibration.length;
  if (!fresh && flags.calibration !== undefined && kept !== calibration)
    io.err(`--calibration ${calibration}: this room keeps its own calibration set of ${kept} pairs`);
  let bound: number;
  try {
    bound = await room.listen(port, '0.0.0.0');
  } catch (e) {
    await room.close();
    const code = (e as NodeJS.ErrnoException).code;
    throw new CliError([
      code === 'EADDRINUSE'
        ? `port ${port} is in use: pass --port N for another one`
        : `cannot listen: ${String(e)}`,
    ]);
  }
  const origins = roomOrigins(bound);
  const { code, facilitatorToken: token } = room.room;
  if (flags.json)
    io.out(
      JSON.stringify({
        join: joinUrl(origins[0], code),
        facilitator: facilitatorUrl(origins[0], token),
        code,
        token,
      }),
    );
  for (const origin of origins) {
    const link = joinUrl(origin, code);
    const qr = await QRCode.toString(link, { type: 'terminal', small: true });
    io.out('');
    io.out(`join: ${link}`);
    io.out(qr.trimEnd());
  }
  io.out(`join code: ${code}`);
  for (const origin of origins) io.out(`facilitator: ${facilitatorUrl(origin, token)}`);
  io.out(`room folder: ${dir} (Ctrl+C stops the room; it keeps everything)`);

  await new Promise<void>((resolve) => {
    const stop = () => resolve();
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
  await room.close();
  io.err('room closed');
  return 0;
}
