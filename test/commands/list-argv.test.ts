// argv → options for list, show, node and api: the parser fills the options object the verb gets,
// and bad input is a usage error (exit 2) before any request.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CommanderError } from 'commander';
import type { CommandUnknownOpts } from '@commander-js/extra-typings';
import { buildProgram } from '../../src/program.js';
import { globalsOf } from '../../src/globals.js';
import type { Runner } from '../../src/commands/runner.js';
import { run, startInProcessSim, type InProcessSim } from '../helpers/cli.js';

async function parse(args: string[]): Promise<{ opts: unknown; output: string; columns?: string[]; headers: boolean }> {
  let seen: { opts: unknown; output: string; columns?: string[]; headers: boolean } | undefined;
  const runner: Runner = async (cmd, _load, opts) => {
    const g = globalsOf(cmd, {}, false);
    seen = { opts, output: g.output, columns: g.columns, headers: g.headers };
  };
  const program = await buildProgram(runner, args);
  const quiet = (c: CommandUnknownOpts): void => {
    c.exitOverride().configureOutput({ writeOut: () => {}, writeErr: () => {} });
    c.commands.forEach(quiet);
  };
  quiet(program);
  await program.parseAsync(args, { from: 'user' });
  return seen!;
}

describe('argv → options', () => {
  it.each([
    [['vm', 'list'], { kind: 'qemu', tags: [] }],
    [['ct', 'ls', '--node', 'pve2', '--status', 'running'], { kind: 'lxc', node: 'pve2', status: 'running', tags: [] }],
    [
      ['vm', 'list', '--tag', 'a', '--tag', 'b', '--pool', 'p', '--name', 'web-*', '--sort=-maxmem'],
      { kind: 'qemu', tags: ['a', 'b'], pool: 'p', name: 'web-*', sort: '-maxmem' },
    ],
    [['vm', 'show', 'web-1'], { kind: 'qemu', guest: 'web-1' }],
    [['ct', 'show', '200'], { kind: 'lxc', guest: '200' }],
    [['node', 'ls'], {}],
    [['node', 'show', 'pve1'], { node: 'pve1' }],
    [
      ['api', 'get', '/cluster/resources', '-d', 'type=vm', '--data', 'x=1'],
      { method: 'get', path: '/cluster/resources', data: ['type=vm', 'x=1'] },
    ],
    [['api', 'delete', '/pools/x'], { method: 'delete', path: '/pools/x', data: [] }],
  ])('%j', async (args, expected) => {
    const { opts } = await parse(args);
    expect(JSON.parse(JSON.stringify(opts))).toEqual(expected);
  });

  it(
    'global output options: -o, --columns (lower-cased, ' + 'trimmed), --no-headers, before or after the verb',
    async () => {
      expect(await parse(['-o', 'wide', 'vm', 'list', '--columns', 'VMID, name', '--no-headers'])).toMatchObject({
        output: 'wide',
        columns: ['vmid', 'name'],
        headers: false,
      });
      expect(await parse(['vm', 'list', '-o', 'tsv'])).toMatchObject({ output: 'tsv', headers: true });
    },
  );

  it.each([
    [['vm', 'list', '-o', 'xml']],
    [['vm', 'list', '--sort']],
    [['vm', 'list', 'extra']],
    [['vm', 'show']],
    [['node', 'show']],
    [['api', 'get']],
    [['api', 'patch', '/x']],
    [['api', 'get', '/x', '-d']],
  ])('%j is refused by the parser', async (args) => {
    await expect(parse(args)).rejects.toBeInstanceOf(CommanderError);
  });
});

describe('bad input exits 2 and sends nothing', () => {
  let s: InProcessSim;
  beforeAll(() => {
    s = startInProcessSim();
  });
  afterAll(() => s.close());

  it.each([
    [['vm', 'list', '-o', 'xml']],
    [['vm', 'list', '--sort=size']],
    [['vm', 'list', '--status', 'asleep']],
    [['vm', 'list', '--columns', 'vmid,nope']],
    [['ct', 'list', 'extra']],
    [['vm', 'show']],
    [['vm', 'show', 'web-1', '--columns', 'nope']],
    [['node', 'list', '--columns', 'vmid']],
    [['node', 'show']],
    [['api', 'get', 'nodes']],
    [['api', 'post', '/nodes/pve1/qemu/100/status/start', '-d', 'oops']],
  ])('%j', async (args) => {
    s.sim.requestLog.length = 0;
    const r = await run(args, { env: s.env });
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).not.toBe('');
    expect(s.sim.requestLog).toEqual([]);
  });
});
