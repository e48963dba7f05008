// `goodhart --help` lists every option every command takes. Each command's `--help` is the one home of
// its options; here every flag a command's parser accepts (recorded by wrapping cli/io.ts parseArgs)
// must appear in that command's own help and in the top-level help, so a flag added without help fails.
import { describe, expect, it, vi } from 'vitest';

const specs = vi.hoisted(() => [] as { boolean?: string[]; string?: string[] }[]);
vi.mock('../../cli/io', async (importOriginal) => {
  const io = await importOriginal<typeof import('../../cli/io')>();
  return {
    ...io,
    parseArgs: (argv: string[], spec: { boolean?: string[]; string?: string[] }) => {
      specs.push(spec);
      return io.parseArgs(argv, spec);
    },
  };
});

import { main } from '../../cli/main';
import { cli } from './cli-harness';

const COMMANDS = [
  'import',
  'simulate',
  'train',
  'eval',
  'score',
  'leaderboard',
  'inspect',
  'probe',
  'optimize',
];

describe('goodhart --help', () => {
  it("lists every command's every option (each from the command's own --help)", async () => {
    const top = await cli('--help');
    expect(top.code).toBe(0);
    const all = top.out.join('\n');
    for (const argv of [...COMMANDS.map((c) => [c]), ['room'], ['room', 'export']]) {
      specs.length = 0;
      const own = await cli(...argv, '--help');
      expect(own.code, argv.join(' ')).toBe(0);
      const flags = specs
        .flatMap((s) => [...(s.boolean ?? []), ...(s.string ?? [])])
        .filter((f) => f !== 'help');
      expect(flags.length, argv.join(' ')).toBeGreaterThan(0);
      for (const flag of flags) {
        expect(own.out.join('\n'), `${argv.join(' ')} --help names --${flag}`).toContain(`--${flag}`);
        expect(all, `goodhart --help names ${argv.join(' ')} --${flag}`).toContain(`--${flag}`);
      }
      expect(all).toContain(`goodhart ${argv[0]}`);
    }
    for (const flag of ['--mapping', '--scores', '--solver', '--calibration']) expect(all).toContain(flag);
  });

  it('no command: the same help, exit 1', async () => {
    const io = { out: [] as string[], err: [] as string[] };
    const code = await main([], { out: (l) => io.out.push(l), err: (l) => io.err.push(l) });
    expect(code).toBe(1);
    expect(io.out.join('\n')).toBe((await cli('--help')).out.join('\n'));
  });
});
