import { describe, expect, it } from 'vitest';
import { BASE, startSim, useMsw } from './harness.js';

useMsw();

const form = (o: Record<string, string>) => new URLSearchParams(o).toString();
const FORM = { 'content-type': 'application/x-www-form-urlencoded' };

describe('authentication', () => {
  it('logs in with a ticket, requires the CSRF header on writes', async () => {
    const api = startSim({ rootPassword: 'pw123' });
    const bad = await fetch(`${BASE}/access/ticket`, {
      method: 'POST',
      headers: FORM,
      body: form({ username: 'root@pam', password: 'nope' }),
    });
    expect(bad.status).toBe(401);
    expect(bad.statusText).toBe('authentication failure');
    const res = await fetch(`${BASE}/access/ticket`, {
      method: 'POST',
      headers: FORM,
      body: form({ username: 'root', realm: 'pam', password: 'pw123' }),
    });
    const { data } = (await res.json()) as any;
    expect(data.ticket).toMatch(/^PVE:root@pam:[0-9A-F]{8}::/);
    expect(data.CSRFPreventionToken).toMatch(/^[0-9A-F]{8}:/);
    const cookie = { cookie: `PVEAuthCookie=${encodeURIComponent(data.ticket)}` };
    expect((await fetch(`${BASE}/version`, { headers: cookie })).status).toBe(200);
    const noCsrf = await fetch(`${BASE}/nodes/pve1/qemu/100/status/stop`, { method: 'POST', headers: cookie });
    expect(noCsrf.status).toBe(401);
    expect(noCsrf.statusText).toBe('Permission denied - invalid csrf token');
    const ok = await fetch(`${BASE}/nodes/pve1/qemu/100/status/stop`, {
      method: 'POST',
      headers: { ...cookie, CSRFPreventionToken: data.CSRFPreventionToken },
    });
    const upid = ((await ok.json()) as any).data;
    expect(upid).toMatch(/:qmstop:100:root@pam:$/);
    const renewed = await api.call('POST', '/access/ticket', { username: 'root@pam', password: data.ticket }, {});
    expect(renewed.status).toBe(200);
  });

  it('answers 401 Authentication failed! for bad tokens and tickets, No ticket without credentials', async () => {
    const api = startSim();
    for (const authorization of [
      'PVEAPIToken=root@pam!pvectl=wrong',
      'PVEAPIToken=root@pam=x',
      'PVEAPIToken=root@pam!a!b=x',
      'PVEAuthCookie=PVE:root@pam:00::x',
    ]) {
      const r = await api.call('GET', '/cluster/resources', {}, { authorization });
      expect(r.status).toBe(401);
      expect(r.statusText).toBe('Authentication failed!');
      // pve-manager PVE/HTTPServer.pm auth_handler dies; pve-http-server AnyEvent.pm answers with
      // HTTP::Response->new(401, $err): the reason phrase and an empty body
      expect(r.body).toBe('');
    }
    expect((await api.call('GET', '/version', {}, {})).statusText).toBe('No ticket');
  });

  it('delays 401s when authFailDelayMs is set', async () => {
    const api = startSim({ authFailDelayMs: 60 });
    const t0 = api.clock.now();
    const r = await api.call('GET', '/version', {}, { authorization: 'PVEAPIToken=root@pam!pvectl=wrong' });
    expect(r.status).toBe(401);
    expect(api.clock.now() - t0).toBe(60); // on the simulator's (virtual) clock
  });
});

describe('privileges', () => {
  const tokens = [
    { id: 'root@pam!pvectl', secret: 'full-secret', privs: '*' as const },
    { id: 'ops@pve!ro', secret: 'ro-secret', privs: ['Sys.Audit', 'Datastore.Audit'] },
    { id: 'ops@pve!vm', secret: 'vm-secret', privs: ['VM.Audit', 'VM.Config.*'] },
  ];

  it('silently omits guests without VM.Audit and answers 403 on direct calls', async () => {
    const api = startSim({ tokens });
    const ro = { authorization: 'PVEAPIToken=ops@pve!ro=ro-secret' };
    const res = await api.call('GET', '/cluster/resources', {}, ro);
    expect(res.status).toBe(200);
    expect(res.body.data.filter((r: any) => r.type === 'qemu' || r.type === 'lxc')).toEqual([]);
    expect(res.body.data.filter((r: any) => r.type === 'node')).toHaveLength(3);
    expect((await api.call('GET', '/nodes/pve1/qemu', {}, ro)).body.data).toEqual([]);
    const start = await api.call('POST', '/nodes/pve1/qemu/100/status/start', {}, ro);
    expect(start.status).toBe(403);
    expect(start.statusText).toBe('Permission check failed (/vms/100, VM.PowerMgmt)');
    const cfg = await api.call('GET', '/nodes/pve1/qemu/100/config', {}, ro);
    expect(cfg.statusText).toBe('Permission check failed (/vms/100, VM.Audit)');
  });

  it('checks VM.Config.* per option and drops node stats without Sys.Audit', async () => {
    const api = startSim({ tokens });
    const vm = { authorization: 'PVEAPIToken=ops@pve!vm=vm-secret' };
    expect((await api.call('PUT', '/nodes/pve1/qemu/102/config', { memory: 1024 }, vm)).status).toBe(200);
    expect((await api.call('POST', '/nodes/pve1/qemu/102/status/start', {}, vm)).status).toBe(403);
    const nodes = (await api.call('GET', '/nodes', {}, vm)).body.data;
    expect(nodes[0].cpu).toBeUndefined();
    expect(nodes[0].status).toBe('online');
    expect((await api.call('GET', '/nodes/pve1/status', {}, vm)).statusText).toBe(
      'Permission check failed (/nodes/pve1, Sys.Audit)',
    );
    const res = (await api.call('GET', '/cluster/resources', { type: 'vm' }, vm)).body.data;
    expect(res.find((r: any) => r.vmid === 100).pool).toBeUndefined();
  });

  it('reports the token privileges through /access/permissions', async () => {
    const api = startSim({ tokens });
    const perms = (
      await api.call('GET', '/access/permissions', {}, { authorization: 'PVEAPIToken=ops@pve!ro=ro-secret' })
    ).body.data;
    expect(perms['/']).toEqual({ 'Datastore.Audit': 1, 'Sys.Audit': 1 });
    const root = await api.get('/access/permissions', { path: '/vms' });
    expect(Object.keys(root)).toEqual(['/vms']);
    expect(root['/vms']['VM.PowerMgmt']).toBe(1);
    // every privilege held, not a subset the simulator's own routes check (pve-access-control
    // src/PVE/API2/AccessControl.pm `permissions`): the console's VM.Console, root's Sys.Console
    expect(root['/vms']['VM.Console']).toBe(1);
    expect(root['/vms']['Sys.Console']).toBe(1);
    expect(api.sim.token).toBe('root@pam!pvectl=full-secret');
  });
});

describe('skiplock (QUIRKS A2, E4)', () => {
  const refused = {
    data: null,
    message: 'Parameter verification failed.\n',
    errors: { skiplock: 'Only root may use this option.' },
  };

  it("is refused for API tokens, root@pam's included, with a 400 naming the parameter", async () => {
    const api = startSim();
    api.sim.state.guests.get(102)!.config.lock = 'backup';
    for (const [method, path, params] of [
      ['PUT', '/nodes/pve1/qemu/102/config', { name: 'x', skiplock: 1 }],
      ['POST', '/nodes/pve1/qemu/102/config', { name: 'x', skiplock: 1 }],
      ['POST', '/nodes/pve1/qemu/102/status/start', { skiplock: 1 }],
      ['POST', '/nodes/pve1/lxc/200/status/stop', { skiplock: 1 }],
      ['PUT', '/nodes/pve1/qemu/102/resize', { disk: 'scsi0', size: '+1G', skiplock: 1 }],
      ['DELETE', '/nodes/pve1/qemu/102', { skiplock: 1 }],
    ] as const) {
      const r = await api.call(method, path, params);
      expect([method, path, r.status, r.statusText]).toEqual([method, path, 400, 'Parameter verification failed.']);
      expect(r.body).toEqual(refused);
    }
    expect((await api.call('PUT', '/nodes/pve1/qemu/102/config', { name: 'x' })).statusText).toBe(
      'VM is locked (backup)',
    );
    expect((await api.call('PUT', '/nodes/pve1/qemu/102/config', { name: 'x', skiplock: 0 })).statusText).toBe(
      'VM is locked (backup)',
    );
    expect(api.sim.state.guests.get(102)!.config.name).toBe('db-1');
  });

  it('lets root@pam with a ticket ignore a lock', async () => {
    const api = startSim({ rootPassword: 'pw' });
    api.sim.state.guests.get(102)!.config.lock = 'backup';
    const login = await fetch(`${BASE}/access/ticket`, {
      method: 'POST',
      headers: FORM,
      body: form({ username: 'root@pam', password: 'pw' }),
    });
    const { data } = (await login.json()) as any;
    const ticket = {
      cookie: `PVEAuthCookie=${encodeURIComponent(data.ticket)}`,
      CSRFPreventionToken: data.CSRFPreventionToken,
    };
    const put = await api.call('PUT', '/nodes/pve1/qemu/102/config', { name: 'renamed', skiplock: 1 }, ticket);
    expect(put.status).toBe(200);
    expect(api.sim.state.guests.get(102)!.config.name).toBe('renamed');
    const start = await api.call('POST', '/nodes/pve1/qemu/102/status/start', { skiplock: 1 }, ticket);
    expect(start.status).toBe(200);
    expect((await api.waitTask(start.body.data)).exitstatus).toBe('OK');
    expect((await api.call('PUT', '/nodes/pve1/qemu/102/config', { name: 'again' }, ticket)).statusText).toBe(
      'VM is locked (backup)',
    );
  });
});

describe('request log and unknown paths', () => {
  it('records every request and answers 501 for what the simulator does not implement', async () => {
    const api = startSim({ schema: null });
    const r = await api.call('GET', '/nodes/pve1/qemu/100/firewall/rules', {});
    expect(r.status).toBe(501);
    expect(r.statusText).toBe("Method 'GET /nodes/pve1/qemu/100/firewall/rules' not implemented");
    await api.call('GET', '/version');
    expect(api.sim.requestLog.slice(-2)).toEqual([
      { method: 'GET', path: '/nodes/pve1/qemu/100/firewall/rules', params: {}, status: 501 },
      { method: 'GET', path: '/version', params: {}, status: 200 },
    ]);
    expect(api.sim.warnings.join('\n')).toMatch(/NOT checked/);
  });

  it('records schema violations and answers like the validator says', async () => {
    const schema = {
      match: () => null,
      validateRequest: (_m: string, path: string) =>
        path === '/version'
          ? null
          : {
              status: 400 as const,
              message: 'Parameter verification failed.',
              errors: { full: "type check ('boolean') failed - got 'True'" },
            },
      validateResponse: () => [],
    };
    const api = startSim({ schema });
    expect(api.sim.warnings).toEqual([]);
    const r = await api.call('GET', '/nodes/pve1/qemu', { full: 'True' });
    expect(r.status).toBe(400);
    expect(r.body.errors).toEqual({ full: "type check ('boolean') failed - got 'True'" });
    expect(api.sim.requestLog.at(-1)).toMatchObject({ status: 400, violation: expect.stringContaining('full') });
  });
});
