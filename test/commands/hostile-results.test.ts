// Result lines that quote the cluster (a guest's name, a disk's size, a refusal): escaped on the
// terminal like every other message, never raw (delete's "would fail", printResult, resize).
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { run, startInProcessSim, type InProcessSim } from '../helpers/cli.js';

const HOSTILE = '\x1b]0;owned\x07';
const SHOWN = '\\x1b]0;owned\\x07';

let s: InProcessSim;
const writes = () => s.sim.requestLog.filter((e) => e.method !== 'GET');
beforeEach(() => {
  s = startInProcessSim();
  s.sim.state.guests.get(100)!.config.name = `web${HOSTILE}`;
});
afterEach(() => s.close());

describe('text from the cluster in result lines', () => {
  it('delete --dry-run: the "would fail" line escapes the name', async () => {
    const r = await run(['vm', 'delete', '100', '--dry-run'], { env: s.env });
    expect(r.stderr).not.toContain('\x1b');
    expect(r.stderr).toContain(`100 web${SHOWN} would fail: VM 100 is running; stop it first`);
    expect(writes()).toEqual([]);
  });

  it('resize: the change line escapes the name', async () => {
    const r = await run(['vm', 'resize', '100', '--cores', '4'], { env: s.env });
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(`100 web${SHOWN} cores 2 -> 4 (pending reboot)\n`);
  });

  it('snapshot delete: the printResult line escapes the name', async () => {
    expect((await run(['vm', 'snapshot', 'create', '100', 'one'], { env: s.env })).code).toBe(0);
    const r = await run(['vm', 'snapshot', 'delete', '100', 'one', '-y'], { env: s.env });
    expect(r).toMatchObject({ code: 0, stdout: `100 web${SHOWN} snapshot one deleted\n` });
  });
});
