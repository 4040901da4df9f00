// Issue 8 §6: a 2xx answer without the shape pvectl relies on is exit 1, "unexpected answer from
// METHOD PATH: …", never an empty listing (exit 0), "no VM with VMID 100" (exit 3) or a TypeError.
// The simulator serves everything else; one msw handler in front of it answers the hostile body.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { http, HttpResponse } from 'msw';
import { run, startInProcessSim, type InProcessSim } from '../helpers/cli.js';

let s: InProcessSim;
beforeEach(() => {
  s = startInProcessSim();
});
afterEach(() => s.close());

const writes = () => s.sim.requestLog.filter((e) => e.method !== 'GET');

type Body = { text: string; type: string };
const json = (v: unknown): Body => ({ text: JSON.stringify(v), type: 'application/json' });
const BODIES: Record<string, [Body, string]> = {
  'truncated JSON': [
    { text: '{"data":[{"vmid":100,"type":"qemu","na', type: 'application/json' },
    'the body is not JSON (38 bytes starting "{\\"data\\":[{\\"vmid\\":100,\\"type\\":\\"qemu\\",\\"na")',
  ],
  'an HTML page with 200': [
    { text: '<!DOCTYPE html>\n<html><body>Please log in</body></html>', type: 'text/html' },
    'the body is not JSON (55 bytes starting "<!DOCTYPE html> <html><body>Please log i")',
  ],
  'JSON that is not an envelope': [json([1, 2]), 'the body is a list, expected {"data": …}'],
  'an empty body': [{ text: '', type: 'application/json' }, 'the body is empty, expected {"data": …}'],
  '{"data":null}': [json({ data: null }), 'data is null, expected a list'],
  'an object instead of a list': [json({ data: { vmid: 100 } }), 'data is an object, expected a list'],
  'a list of strings': [json({ data: ['qemu/100'] }), 'item 0 is a string ("qemu/100"), expected an object'],
};

function answer(method: 'get' | 'post', path: string, body: Body) {
  s.server.use(
    http[method](`*/api2/json${path}`, () => new HttpResponse(body.text, { headers: { 'content-type': body.type } })),
  );
}

const HINT = 'The server answered, but not as Proxmox VE does; a proxy or load balancer in the way can cause this.\n';
const fails = (what: string, problem: string) => ({
  code: 1,
  stdout: '',
  stderr: `Error: unexpected answer from ${what}: ${problem}\n${HINT}`,
});

describe.each(Object.entries(BODIES))('GET /cluster/resources answers %s', (_name, [body, problem]) => {
  it.each([
    ['vm', 'list'],
    ['ct', 'list'],
    ['node', 'list'],
    ['vm', 'show', '100'],
  ])('%s %s fails with exit 1 and says what was wrong', async (...args) => {
    answer('get', '/cluster/resources', body);
    const r = await run(args, { env: s.env });
    expect(r).toEqual(fails('GET /cluster/resources', problem));
  });

  it('vm start sends nothing', async () => {
    answer('get', '/cluster/resources', body);
    const r = await run(['vm', 'start', '102'], { env: s.env });
    expect(r).toEqual(fails('GET /cluster/resources', problem));
    expect(writes()).toEqual([]);
    expect(s.sim.state.guests.get(102)!.status).toBe('stopped');
  });
});

describe('answers of the calls after the listing', () => {
  it('vm show: status/current of null is not "no VM with VMID 100"', async () => {
    answer('get', '/nodes/pve1/qemu/100/status/current', json({ data: null }));
    const r = await run(['vm', 'show', '100'], { env: s.env });
    expect(r).toEqual(fails('GET /nodes/pve1/qemu/100/status/current', 'data is null, expected an object'));
  });

  it('vm show: a status without "status" is named, not a TypeError', async () => {
    answer('get', '/nodes/pve1/qemu/100/status/current', json({ data: { cpu: 0.1 } }));
    const r = await run(['vm', 'show', '100'], { env: s.env });
    expect(r).toEqual(fails('GET /nodes/pve1/qemu/100/status/current', '"status" is nothing, expected a string'));
  });

  it('vm show: pending changes as an object', async () => {
    answer('get', '/nodes/pve1/qemu/100/pending', json({ data: { key: 'memory' } }));
    const r = await run(['vm', 'show', '100'], { env: s.env });
    expect(r).toEqual(fails('GET /nodes/pve1/qemu/100/pending', 'data is an object, expected a list'));
  });

  it('vm start: a start answered with null is a failure, not "started"', async () => {
    answer('post', '/nodes/pve1/qemu/102/status/start', json({ data: null }));
    const r = await run(['vm', 'start', '102'], { env: s.env });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(
      'unexpected answer from POST /nodes/pve1/qemu/102/status/start: data is null, expected a task id (UPID:…)',
    );
    expect(r.stderr).not.toMatch(/started/);
  });

  it('vm start: an HTML page for the start is a failure', async () => {
    answer('post', '/nodes/pve1/qemu/102/status/start', { text: '<html>ok</html>', type: 'text/html' });
    const r = await run(['vm', 'start', '102'], { env: s.env });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(
      'unexpected answer from POST /nodes/pve1/qemu/102/status/start: ' +
        'the body is not JSON (15 bytes starting "<html>ok</html>")',
    );
  });
});

describe('task show', () => {
  const upid = 'UPID:pve1:00001234:00ABCDEF:6B000000:qmstart:100:root@pam!pvectl:';
  const path = `/nodes/pve1/tasks/${encodeURIComponent(upid)}/status`;

  it.each([
    [json({ data: null }), 'data is null, expected an object'],
    [json({ data: [] }), 'data is a list, expected an object'],
    [json({ data: { upid, exitstatus: 'OK' } }), '"status" is nothing, expected a string'],
    [
      { text: '{"data":{"status":"stopp', type: 'application/json' },
      'the body is not JSON (24 bytes starting "{\\"data\\":{\\"status\\":\\"stopp")',
    ],
  ])('fails with exit 1 when the status is %j', async (body, problem) => {
    answer('get', path, body);
    const r = await run(['task', 'show', upid], { env: s.env });
    expect(r).toEqual(fails(`GET ${path}`, problem));
  });

  it('a task log that is not a list is named too', async () => {
    const { stdout } = await run(['vm', 'start', '102', '--no-wait'], { env: s.env });
    const started = stdout.trim().split(' ')[2] ?? '';
    expect(started).toMatch(/^UPID:pve1:/);
    const logPath = `/nodes/pve1/tasks/${encodeURIComponent(started)}/log`;
    answer('get', logPath, json({ data: { n: 1, t: 'TASK OK' } }));
    const r = await run(['task', 'log', started], { env: s.env });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`unexpected answer from GET ${logPath}: data is an object, expected a list`);
  });
});
