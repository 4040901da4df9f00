// The VMID → node hint (issue 13, src/commands/guest/hint-file.ts, locate.ts): a hinted look-up
// reads no /cluster/resources; a stale hint (moved, VMID reused, deleted) falls back to the full
// look-up and gives the right answer; a corrupt or unwritable file is ignored; `vm list` never
// uses it. PVE's check: status/current (qemu-server src/PVE/API2/Qemu.pm `vm_status`) first calls
// `load_config`, which dies "Configuration file '…' does not exist" (500) for a guest not on that
// node (pve-guest-common src/PVE/AbstractConfig.pm);
// status/current carries name, cpus, maxmem, maxdisk, template, lock and tags (qemu-server
// src/PVE/QemuServer.pm, pve-container src/PVE/LXC.pm `vmstatus`), not the pool.
import { chmodSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { run, startInProcessSim, type InProcessSim } from '../helpers/cli.js';

let s: InProcessSim;
let cache: string;
let env: Record<string, string>;
beforeEach(() => {
  s = startInProcessSim({ agentDelayMs: 0 });
  cache = mkdtempSync(join(tmpdir(), 'pvectl-hints-'));
  env = { ...s.env, XDG_CACHE_HOME: cache };
});
afterEach(() => {
  expect(s.sim.requestLog.filter((e) => e.violation)).toEqual([]);
  s.close();
  rmSync(cache, { recursive: true, force: true });
});

const resourceReads = () => s.sim.requestLog.filter((e) => e.path.startsWith('/cluster/resources')).length;
const clearLog = () => s.sim.requestLog.splice(0);
const hintFiles = () => readdirSync(join(cache, 'pvectl')).filter((f) => f.startsWith('guests-'));
const hintText = () => readFileSync(join(cache, 'pvectl', hintFiles()[0]!), 'utf8');

async function seeded(): Promise<void> {
  // a full look-up fills the hint for web-1 (100 on pve1)
  expect((await run(['vm', 'show', 'web-1', '-o', 'json'], { env })).code).toBe(0);
  clearLog();
}

describe('guest hints', () => {
  it('a hinted vm ip, vm show and vm start read no /cluster/resources and print the same', async () => {
    const full = await run(['vm', 'show', 'web-1', '-o', 'json'], { env });
    expect(resourceReads()).toBe(1);
    clearLog();
    const ip = await run(['vm', 'ip', '100'], { env });
    const show = await run(['vm', 'show', '100', '-o', 'json'], { env });
    const start = await run(['vm', 'start', '100'], { env });
    expect(resourceReads()).toBe(0);
    expect(ip.code).toBe(0);
    expect(ip.stdout).toMatch(/^\d+\.\d+\.\d+\.\d+\n/);
    expect(start).toMatchObject({ code: 0, stdout: '100 web-1 already running\n' });
    // the pool, which status/current lacks, came from /pools; everything else matches the full read
    const [a, b] = [JSON.parse(full.stdout), JSON.parse(show.stdout)];
    expect(b.pool).toBe('prod');
    for (const k of ['vmid', 'name', 'type', 'node', 'status', 'cpus', 'maxmem', 'maxdisk', 'tags', 'template'])
      expect(b[k], k).toEqual(a[k]);
    expect(b.hastate).toEqual(a.hastate);
    expect(b.lock).toEqual(a.lock);
    expect(s.sim.requestLog.some((e) => e.path === '/pools')).toBe(true);
    // a name is never hinted: it may have become ambiguous since, which only the full list shows
    clearLog();
    expect((await run(['vm', 'ip', 'web-1'], { env })).code).toBe(0);
    expect(resourceReads()).toBe(1);
  });

  it.each([
    ['vm', '103'], // ha-app
    ['vm', '9000'],
    ['ct', '200'],
    ['ct', '201'],
  ])('%s show %s: the hinted answer has the fields of the full one (HA state, template, pool)', async (noun, ref) => {
    const full = JSON.parse((await run([noun, 'show', ref, '-o', 'json'], { env })).stdout);
    clearLog();
    const hinted = JSON.parse((await run([noun, 'show', ref, '-o', 'json'], { env })).stdout);
    expect(resourceReads()).toBe(0);
    const stable = ['vmid', 'name', 'type', 'node', 'status', 'cpus', 'maxmem', 'maxdisk', 'tags', 'template'];
    for (const k of [...stable, 'pool', 'lock', 'hastate', 'config', 'pending', 'region'])
      expect(hinted[k], k).toEqual(full[k]);
  });

  it('the file is small, 0600, and holds VMIDs, nodes, kinds and names only', async () => {
    await seeded();
    const file = join(cache, 'pvectl', hintFiles()[0]!);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(JSON.parse(hintText())).toEqual({ v: 1, guests: [[100, 'pve1', 'qemu', 'web-1']] });
  });

  it('a VM moved to another node: the hint fails its check, the full look-up finds it, the hint follows', async () => {
    await seeded();
    s.sim.state.guests.get(100)!.node = 'pve3';
    const r = await run(['vm', 'show', '100', '-o', 'json'], { env });
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ vmid: 100, node: 'pve3', name: 'web-1' });
    expect(s.sim.requestLog.filter((e) => e.path === '/nodes/pve1/qemu/100/status/current')).toHaveLength(1);
    expect(resourceReads()).toBe(1);
    expect(JSON.parse(hintText()).guests).toEqual([[100, 'pve3', 'qemu', 'web-1']]);
    clearLog();
    expect((await run(['vm', 'ip', '100'], { env })).code).toBe(0);
    expect(resourceReads()).toBe(0);
  });

  it('a VMID reused by another name: asking by the old name does not get the new guest', async () => {
    await seeded();
    const g = s.sim.state.guests.get(100)!;
    g.config.name = 'other-1';
    const r = await run(['vm', 'show', 'web-1'], { env });
    expect(r.code).toBe(3);
    expect(r.stderr).toContain('no VM named "web-1"');
    expect(resourceReads()).toBe(1);
    // by VMID the hint still holds (same node): status/current gives the new name, the hint learns it
    clearLog();
    const byId = await run(['vm', 'show', '100', '-o', 'json'], { env });
    expect(JSON.parse(byId.stdout).name).toBe('other-1');
    expect(resourceReads()).toBe(0);
    expect(JSON.parse(hintText()).guests).toEqual([[100, 'pve1', 'qemu', 'other-1']]);
    clearLog();
    expect((await run(['vm', 'ip', '100'], { env })).code).toBe(0);
    expect(resourceReads()).toBe(0);
  });

  it('a deleted VM: the hint falls back, the answer is "not found" (exit 3) and the hint is dropped', async () => {
    expect((await run(['vm', 'show', 'db-1'], { env })).code).toBe(0);
    expect((await run(['vm', 'delete', '102', '-y', '-q'], { env })).code).toBe(0);
    clearLog();
    const r = await run(['vm', 'ip', '102'], { env });
    expect(r.code).toBe(3);
    expect(r.stderr).toContain('no VM with VMID 102');
    expect(resourceReads()).toBe(1);
    expect(JSON.parse(hintText()).guests.map((h: unknown[]) => h[0])).not.toContain(102);
  });

  it('a hinted node gone offline: one try (595), then the full look-up answers as without a hint', async () => {
    await seeded();
    s.sim.setNodeOnline('pve1', false);
    const r = await run(['vm', 'show', '100', '-o', 'json'], { env });
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ vmid: 100, node: 'pve1', status: 'unknown', config: null });
    expect(r.stderr).toContain('node pve1 does not report on 100');
    // pve-http-server AnyEvent.pm proxy_request: 595 from the offline node, not retried here
    expect(s.sim.requestLog.filter((e) => e.path === '/nodes/pve1/qemu/100/status/current')).toHaveLength(1);
    expect(resourceReads()).toBe(1);
  });

  it('a hint for a VMID of the other kind is not used (ct show 100 says it is a VM)', async () => {
    await seeded();
    const r = await run(['ct', 'show', '100'], { env });
    expect(r.code).toBe(3);
    expect(r.stderr).toContain('100 is a VM, not a CT');
    expect(s.sim.requestLog.some((e) => e.path.startsWith('/nodes/pve1/lxc/100'))).toBe(false);
  });

  it('a corrupt hint file is ignored (and replaced by the next full look-up)', async () => {
    await seeded();
    const file = join(cache, 'pvectl', hintFiles()[0]!);
    for (const junk of ['{"v":1,"guests":[[100,"pve1"', '[]', '{"v":1,"guests":[["100","../x","qemu","web-1"]]}']) {
      writeFileSync(file, junk);
      clearLog();
      const r = await run(['vm', 'ip', '100'], { env });
      expect(r.code).toBe(0);
      expect(resourceReads()).toBe(1);
      expect(JSON.parse(hintText()).guests).toEqual([[100, 'pve1', 'qemu', 'web-1']]);
    }
  });

  it('an unwritable cache dir is ignored: the command works, with the full look-up each time', async () => {
    if (process.getuid?.() === 0) {
      // root writes anyway: make the cache "dir" a file instead
      writeFileSync(join(cache, 'pvectl'), 'not a directory');
    } else {
      mkdirSync(join(cache, 'pvectl'), { mode: 0o500 });
    }
    for (let i = 0; i < 2; i++) {
      const r = await run(['vm', 'ip', '100'], { env });
      expect(r.code).toBe(0);
      expect(r.stderr).toBe('');
    }
    expect(resourceReads()).toBe(2);
    chmodSync(join(cache, 'pvectl'), 0o700);
  });

  it('vm list fills the hints but never uses them', async () => {
    expect((await run(['vm', 'list'], { env })).code).toBe(0);
    expect(JSON.parse(hintText()).guests.map((h: unknown[]) => h[0])).toEqual(
      expect.arrayContaining([100, 101, 102, 103]),
    );
    clearLog();
    expect((await run(['vm', 'list', '-o', 'json'], { env })).code).toBe(0);
    expect(resourceReads()).toBe(1);
    clearLog();
    expect((await run(['vm', 'ip', '100'], { env })).code).toBe(0);
    expect(resourceReads()).toBe(0);
  });

  it('without a cache dir (no HOME, no XDG_CACHE_HOME) nothing is written and the full look-up is used', async () => {
    expect((await run(['vm', 'ip', '100'], { env: s.env })).code).toBe(0);
    expect((await run(['vm', 'ip', '100'], { env: s.env })).code).toBe(0);
    expect(resourceReads()).toBe(2);
  });
});
