// Commands against a simulated cluster whose text is hostile: a description with terminal escapes,
// a task log that writes a window title, an error text that echoes the token. Shown escaped in
// table/show/tsv, carried exactly by json; no secret printed in any.
import { http, HttpResponse } from 'msw';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { run, startInProcessSim, type InProcessSim } from '../helpers/cli.js';

const HOSTILE = '\x1b]0;owned\x07\x1b[2J\x1b]52;c;cm0gLXJmIH4=\x07';
const SHOWN = '\\x1b]0;owned\\x07\\x1b[2J\\x1b]52;c;cm0gLXJmIH4=\\x07';
const UPID = 'UPID:pve1:00001234:00ABCDEF:6B000000:qmstart:100:root@pam!pvectl:';

let s: InProcessSim;
let secret: string;
beforeEach(() => {
  s = startInProcessSim();
  secret = s.sim.token.slice(s.sim.token.indexOf('=') + 1);
});
afterEach(() => s.close());

describe('vm show / vm list', () => {
  beforeEach(() => {
    s.sim.state.guests.get(100)!.config.description = `first line\n${HOSTILE}done`;
  });

  it('show as a table escapes the description; -o json carries it exactly', async () => {
    const table = await run(['vm', 'show', '100'], { env: s.env, tty: true });
    expect(table.code).toBe(0);
    expect(table.stdout).not.toContain('\x1b');
    expect(table.stdout).toMatch(new RegExp(`description +first line ${SHOWN.replace(/[\\[\]]/g, '\\$&')}done\\n`));
    const json = await run(['vm', 'show', '100', '-o', 'json'], { env: s.env });
    expect((JSON.parse(json.stdout) as { config: { description: string } }).config.description).toBe(
      `first line\n${HOSTILE}done`,
    );
  });

  it('list: table, wide and tsv show a hostile name escaped', async () => {
    s.sim.state.guests.get(100)!.config.name = `web${HOSTILE}`;
    for (const output of ['table', 'wide', 'tsv']) {
      const r = await run(['vm', 'list', '-o', output], { env: s.env });
      expect(r.code).toBe(0);
      expect(r.stdout).not.toContain('\x1b');
      expect(r.stdout).toContain(`web${SHOWN}`);
    }
  });
});

describe('task logs and errors', () => {
  it('task log prints each line escaped; -o json exactly', async () => {
    s.server.use(
      http.get('*/api2/json/nodes/:node/tasks/:upid/log', () =>
        HttpResponse.json({
          data: [
            { n: 1, t: `starting ${HOSTILE}` },
            { n: 2, t: 'TASK OK' },
          ],
          total: 2,
        }),
      ),
    );
    const text = await run(['task', 'log', UPID], { env: s.env });
    expect(text).toEqual({ code: 0, stdout: `starting ${SHOWN}\nTASK OK\n`, stderr: '' });
    const json = await run(['task', 'log', UPID, '-o', 'json'], { env: s.env });
    expect(JSON.parse(json.stdout)).toEqual([
      { n: 1, t: `starting ${HOSTILE}` },
      { n: 2, t: 'TASK OK' },
    ]);
  });

  it('an error text with escapes and the echoed token: escaped and masked, with -v too', async () => {
    s.server.use(
      http.get('*/api2/json/cluster/resources', ({ request }) =>
        HttpResponse.json(
          { data: null, message: `${HOSTILE}refused ${request.headers.get('authorization')}` },
          { status: 500, statusText: `echo ${request.headers.get('authorization')}` },
        ),
      ),
    );
    const r = await run(['-v', 'vm', 'list'], { env: s.env });
    expect(r.code).toBe(1);
    expect(r.stderr).not.toContain(secret);
    expect(r.stderr).not.toContain('\x1b');
    expect(r.stderr).toContain(`Error: GET /cluster/resources: ${SHOWN}refused PVEAPIToken=root@pam!pvectl=***\n`);
    expect(r.stderr).toContain('→ 500 echo PVEAPIToken=root@pam!pvectl=***');
  });
});

describe('a UPID from the cluster', () => {
  it('whose node is "pve1/.." is a failure of the answer (exit 1), and no path is built from it', async () => {
    const bad = 'UPID:pve1/..:00001234:00ABCDEF:6B000000:qmstart:102:root@pam!pvectl:';
    s.server.use(http.post('*/api2/json/nodes/:node/qemu/:vmid/status/start', () => HttpResponse.json({ data: bad })));
    const r = await run(['vm', 'start', '102'], { env: s.env });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`the cluster answered "${bad}" where a task id`);
    expect(s.sim.requestLog.filter((l) => l.path.includes('/tasks/'))).toEqual([]);
  });
});
