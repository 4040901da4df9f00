// How errors reach the user: "Error: …" on stderr, the right exit code, and no stack trace
// unless --verbose. An error that is not one of ours still says which command failed.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { FetchLike } from '../../src/api/transport.js';
import { run, startInProcessSim, type InProcessSim } from '../helpers/cli.js';

let s: InProcessSim;
beforeAll(() => {
  s = startInProcessSim();
});
afterAll(() => s.close());
beforeEach(() => {
  s.sim.faults.dropRate = 0;
});

const viaMsw: FetchLike = (url, init) => globalThis.fetch(url, init);
const brokenFetch: FetchLike = async () => {
  throw new TypeError("Cannot read properties of undefined (reading 'get')");
};

function pvectl(args: string[], fetch: FetchLike = viaMsw, signal = new AbortController().signal) {
  return run(args, { env: s.env, fetch, signal, clock: { now: () => 0, sleep: async () => {} } });
}

const STACK_LINE = /^ {4}at /m;

const cases: Array<{
  what: string;
  args: string[];
  code: number;
  first: string | RegExp;
  fetch?: FetchLike;
  setup?: () => void;
}> = [
  {
    what: 'an API error',
    args: ['api', 'get', '/cluster/resources', '-d', 'type=bogus'],
    code: 1,
    first: /^Error: GET \/cluster\/resources: Parameter verification failed/,
  },
  {
    what: 'a network error',
    args: ['node', 'list'],
    code: 1,
    first: 'Error: connection to https://pve.test:8006 failed: no answer (tried 3 times)',
    setup: () => (s.sim.faults.dropRate = 1),
  },
  {
    what: 'a usage error',
    args: ['vm', 'list', '--status', 'bogus'],
    code: 2,
    first: /^Error: --status: "bogus" is not one of running, stopped/,
  },
  {
    what: 'an unexpected internal error',
    args: ['node', 'list'],
    code: 1,
    first:
      "Error: pvectl node list failed unexpectedly: TypeError: Cannot read properties of undefined (reading 'get')",
    fetch: brokenFetch,
  },
];

describe('errors on stderr', () => {
  it.each(cases)('$what: "Error: …", exit $code, no stack trace', async ({ args, code, first, fetch, setup }) => {
    setup?.();
    const r = await pvectl(args, fetch);
    expect(r.code).toBe(code);
    expect(r.stdout).toBe('');
    const [line] = r.stderr.split('\n');
    if (typeof first === 'string') expect(line).toBe(first);
    else expect(line).toMatch(first);
    expect(r.stderr).not.toMatch(STACK_LINE);
  });

  it.each(cases)(
    '$what with --verbose: the stack trace too, same exit code',
    async ({ args, code, first, fetch, setup }) => {
      setup?.();
      const r = await pvectl(['--verbose', ...args], fetch);
      expect(r.code).toBe(code);
      const line = r.stderr.split('\n').find((l) => l.startsWith('Error: '));
      if (typeof first === 'string') expect(line).toBe(first);
      else expect(line).toMatch(first);
      expect(r.stderr).toMatch(STACK_LINE);
    },
  );

  it('an unexpected error says how to get details; a known one does not', async () => {
    const internal = await pvectl(['node', 'list'], brokenFetch);
    expect(internal.stderr.trimEnd().split('\n')).toEqual([
      "Error: pvectl node list failed unexpectedly: TypeError: Cannot read properties of undefined (reading 'get')",
      'Run it again with --verbose for the stack trace; if this looks like a bug in pvectl, please report it.',
    ]);
    const usage = await pvectl(['vm', 'list', '--status', 'bogus']);
    expect(usage.stderr).not.toContain('--verbose');
  });

  it("commander's own usage errors: exit 2 and no stack trace, with or without --verbose", async () => {
    for (const args of [
      ['vm', 'list', '--bogus'],
      ['-v', 'vm', 'list', '--bogus'],
    ]) {
      const r = await pvectl(args);
      expect(r.code).toBe(2);
      expect(r.stderr).toBe("Error: unknown option '--bogus'\n");
    }
  });

  it('Ctrl-C during a read: exit 130 and "interrupted", not an unexpected error', async () => {
    const controller = new AbortController();
    const hanging: FetchLike = (_url, init) =>
      new Promise((_resolve, reject) => init.signal?.addEventListener('abort', () => reject(init.signal?.reason)));
    const pending = pvectl(['node', 'list'], hanging, controller.signal);
    setTimeout(() => controller.abort(new Error('interrupted')), 20);
    const r = await pending;
    expect(r.code).toBe(130);
    expect(r.stderr).toBe('Error: interrupted\n');
  });

  it('`pvectl help` prints help and exits 0; a noun without a verb shows its help on stderr and exits 2', async () => {
    const help = await pvectl(['help']);
    expect(help).toMatchObject({ code: 0, stderr: '' });
    expect(help.stdout).toMatch(/^Usage: pvectl /);
    const helpVm = await pvectl(['help', 'vm']);
    expect(helpVm.code).toBe(0);
    expect(helpVm.stdout).toMatch(/^Usage: pvectl vm /);
    const noVerb = await pvectl(['vm']);
    expect(noVerb).toMatchObject({ code: 2, stdout: '' });
    expect(noVerb.stderr).toMatch(/^Usage: pvectl vm /);
  });
});
