// Output polish (issue 9): --columns by header name, options a format cannot honour refused (exit 2,
// nothing sent), empty tables quiet on stdout, whole UPIDs in `task list`, each `-o id` once, and a
// memory error in GiB/TiB.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { run, startInProcessSim, type InProcessSim } from '../helpers/cli.js';
import { serveChecksumLists } from './create-helpers.js';

let s: InProcessSim;
const writes = () => s.sim.requestLog.filter((e) => e.method !== 'GET');
beforeEach(() => {
  s = startInProcessSim();
});
afterEach(() => s.close());

describe('--columns', () => {
  it('takes the header names (MEM%, CPUS) as well as the keys, in any case', async () => {
    const byHeader = await run(['node', 'list', '--columns', 'NODE,CPUS,MEM%', '-o', 'tsv'], { env: s.env });
    const byKey = await run(['node', 'list', '--columns', 'node,maxcpu,mempct', '-o', 'tsv'], { env: s.env });
    expect(byHeader.code).toBe(0);
    expect(byHeader.stdout.split('\n')[0]).toBe('node\tmaxcpu\tmempct');
    expect(byHeader).toEqual(byKey);
    const table = await run(['vm', 'list', '--columns', 'vmid,Mem Used', '--no-headers'], { env: s.env });
    expect(table.stdout.split('\n')[0]).toMatch(/^100 +\d+(\.\d)? [KMG]iB$/);
  });

  it.each(['json', 'yaml', 'id'])('with -o %s is refused: exit 2, nothing sent', async (output) => {
    const r = await run(['vm', 'list', '--columns', 'vmid,name', '-o', output], { env: s.env, tty: true });
    expect(r).toEqual({
      code: 2,
      stdout: '',
      stderr:
        `Error: --columns picks columns of table, wide and tsv output; -o ${output} has no columns\n` +
        'Drop --columns, or use -o tsv --columns vmid,name for picked columns a script can read.\n',
    });
    expect(s.sim.requestLog).toEqual([]);
  });
});

describe('api and formats it cannot honour', () => {
  it.each([
    [['api', 'get', '/version', '-o', 'tsv'], '-o tsv'],
    [['api', 'post', '/nodes/pve1/qemu/100/status/stop', '-o', 'id'], '-o id'],
    [['api', 'put', '/nodes/pve1/qemu/100/config', '-d', 'cores=4', '-o', 'wide'], '-o wide'],
  ])('%j: exit 2 and no write', async (args, what) => {
    const r = await run(args, { env: s.env });
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe(
      `Error: api prints the answer as JSON or YAML; ${what} is not possible for a raw answer\n` +
        'Use -o json (the default) or -o yaml, and a tool like jq to pick fields.\n',
    );
    expect(writes()).toEqual([]);
  });

  it('--columns on api: exit 2 and no write', async () => {
    const r = await run(['api', 'post', '/nodes/pve1/qemu/100/status/stop', '--columns', 'x'], { env: s.env });
    expect(r).toEqual({
      code: 2,
      stdout: '',
      stderr: 'Error: api prints the whole answer; --columns is not possible for a raw answer\n',
    });
    expect(writes()).toEqual([]);
  });
});

describe('an empty table', () => {
  it.each([[[]], [['-o', 'wide']], [['-o', 'tsv']], [['--no-headers']]])(
    '%j: nothing on stdout; the note on stderr on a terminal only',
    async (extra) => {
      const args = ['vm', 'list', '--tag', 'nope', ...extra];
      expect(await run(args, { env: s.env })).toEqual({ code: 0, stdout: '', stderr: '' });
      expect(await run(args, { env: s.env, tty: true })).toEqual({ code: 0, stdout: '', stderr: 'No VMs match.\n' });
    },
  );

  it('says "No VMs found" when nothing is filtered out; -q keeps even that quiet', async () => {
    s.sim.state.guests.clear();
    const r = await run(['vm', 'list'], { env: s.env, tty: true });
    expect(r).toEqual({
      code: 0,
      stdout: '',
      stderr: 'No VMs found (an API token sees only guests it has VM.Audit on).\n',
    });
    expect(await run(['vm', 'list', '-q'], { env: s.env, tty: true })).toEqual({ code: 0, stdout: '', stderr: '' });
  });
});

describe('task list', () => {
  it('never cuts the UPID on a narrow terminal; other columns give way', async () => {
    expect((await run(['vm', 'stop', '100'], { env: s.env })).code).toBe(0);
    const r = await run(['task', 'list'], { env: s.env, tty: true, columns: 60 });
    expect(r.code).toBe(0);
    const upid = r.stdout.split('\n')[1]!.split(' ')[0]!;
    expect(upid).toMatch(/^UPID:pve\d:[0-9A-F]{8}:[0-9A-F]{8}:[0-9A-F]{8}:qmstop:100:root@pam!pvectl:$/);
    expect((await run(['task', 'show', upid], { env: s.env })).code).toBe(0);
  });
});

describe('os list -o id', () => {
  it('prints each OS once, though it has a row per source', async () => {
    serveChecksumLists(s);
    const table = await run(['os', 'list', '--type', 'ct', '--columns', 'os', '--no-headers'], { env: s.env });
    expect(table.stdout.split('\n').filter((l) => l.trim() === 'debian-12')).toHaveLength(2);
    const ids = await run(['os', 'list', '--type', 'ct', '-o', 'id'], { env: s.env });
    expect(ids).toEqual({
      code: 0,
      stderr: '',
      stdout: 'alpine-3.22\ndebian-13\ndebian-12\nrocky-9\nubuntu-24.04\nubuntu-22.04\n',
    });
  });
});

describe('a memory error', () => {
  it('quotes GiB/TiB, not a count of MiB; exit 2 and nothing written', async () => {
    const r = await run(['vm', 'create', 'big', '--os', 'debian', '--mem', '3T', '--node', 'pve1'], { env: s.env });
    expect(r.code).toBe(2);
    expect(r.stderr.split('\n')[0]).toBe('Error: --mem 3.0 TiB is more than node pve1 has in all: 128.0 GiB');
    expect(writes()).toEqual([]);
  });
});
