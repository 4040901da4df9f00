// A write whose answer is lost (the simulator applies it, then drops the connection:
// Faults.loseResponseAfterWrite): every write verb says the outcome is unknown and probably
// applied, names what to check, exits 1 and does not send the write a second time.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { run, startInProcessSim, type InProcessSim } from '../helpers/cli.js';

let s: InProcessSim;
const writes = () => s.sim.requestLog.filter((e) => e.method !== 'GET').map((e) => `${e.method} ${e.path}`);

beforeEach(() => {
  s = startInProcessSim();
});
afterEach(() => s.close());

const UNKNOWN = 'the outcome is unknown and the change was probably applied';
const TASKS = '`pvectl task list --running` shows a task it started';

describe('a write whose answer is lost', () => {
  const cases: [string, string[], string, string[]][] = [
    ['vm start', ['vm', 'start', 'db-1'], 'POST /nodes/pve1/qemu/102/status/start', ['pvectl vm show 102']],
    ['vm stop', ['vm', 'stop', 'web-1', '--yes'], 'POST /nodes/pve1/qemu/100/status/stop', ['pvectl vm show 100']],
    ['ct resize', ['ct', 'resize', 'dns-1', '--disk', '+1G'], 'PUT /nodes/pve1/lxc/200/resize', ['pvectl ct show 200']],
    [
      'vm snapshot create',
      ['vm', 'snapshot', 'create', 'web-1', 'before'],
      'POST /nodes/pve1/qemu/100/snapshot',
      ['pvectl vm show 100'],
    ],
    [
      'vm clone',
      ['vm', 'clone', 'db-1', 'db-2', '--vmid', '150'],
      'POST /nodes/pve1/qemu/102/clone',
      ['pvectl vm show 102', 'pvectl vm show 150` shows whether VM 150 now exists'],
    ],
    ['vm delete', ['vm', 'delete', 'db-1', '--yes'], 'DELETE /nodes/pve1/qemu/102', ['pvectl vm show 102']],
    ['api post', ['api', 'post', '/nodes/pve1/qemu/102/status/start'], 'POST /nodes/pve1/qemu/102/status/start', []],
  ];
  it.each(cases)('%s: outcome unknown, probably applied, how to check; sent once', async (_, args, call, checks) => {
    s.sim.faults.loseResponseAfterWrite = 1;
    const r = await run(args, { env: s.env });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`${call}: the answer was lost after the request was sent`);
    expect(r.stderr).toContain(UNKNOWN);
    expect(r.stderr).toContain(`Check before repeating it: ${TASKS}`);
    for (const c of checks) expect(r.stderr).toContain(c);
    expect(r.stderr).not.toMatch(/try again|retry/i);
    expect(s.sim.faults.loseResponseAfterWrite).toBe(0); // the write reached the simulator and was applied
    expect(writes().filter((w) => w === call)).toHaveLength(1);
  });

  it('resize: one resize sent, and the message does not invite a second +1G', async () => {
    s.sim.faults.loseResponseAfterWrite = 1;
    const r = await run(['vm', 'resize', 'web-1', '--disk', '+1G'], { env: s.env });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('pvectl vm show 100` shows VM 100 as it is now');
    expect(r.stderr).not.toContain('+1G');
    expect(writes()).toEqual(['PUT /nodes/pve1/qemu/100/resize']);
  });

  it('a read whose connection drops is retried, not reported as a lost write', async () => {
    s.sim.faults.dropRate = 1;
    const r = await run(['vm', 'show', 'web-1'], { env: s.env });
    expect(r.code).toBe(1);
    expect(r.stderr).not.toContain('outcome is unknown');
  });
});
