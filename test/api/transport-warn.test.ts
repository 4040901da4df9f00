// The --insecure warning goes where the caller says (ctx.warn → the command's stderr), never to
// process.stderr behind its back: createTransport requires `warn`.
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { createTransport } from '../../src/api/transport.js';
import type { Region } from '../../src/config/types.js';
import { startSim, type SimServer } from '../helpers/sim.js';
import { configDir, runReal } from '../commands/region/harness.js';

const insecure: Region = {
  name: 'lab',
  url: 'https://127.0.0.1:8006',
  tokenId: 'root@pam!pvectl',
  tokenSecret: 's',
  insecure: true,
  defaults: {},
};

let sim: SimServer;
beforeAll(async () => {
  sim = await startSim();
});
afterAll(() => sim.close());
afterEach(() => vi.restoreAllMocks());

describe('the --insecure warning', () => {
  it('createTransport has no stderr fallback: `warn` is required', async () => {
    const stderr = vi.spyOn(process.stderr, 'write');
    // @ts-expect-error a transport must be told where the --insecure warning goes
    expect(() => createTransport(insecure)).toThrow(TypeError);
    const warn = vi.fn();
    await createTransport(insecure, { warn }).close();
    expect(warn).toHaveBeenCalledWith(expect.stringContaining('TLS verification is disabled for region lab'));
    expect(stderr).not.toHaveBeenCalled();
  });

  it('a command reaches the warning through ctx.warn: on its own stderr, never on process.stderr', async () => {
    const stderr = vi.spyOn(process.stderr, 'write');
    const r = await runReal(['node', 'list', '-o', 'id'], {
      env: { PVECTL_CONFIG_DIR: configDir(), PVECTL_URL: sim.url, PVECTL_TOKEN: sim.token, PVECTL_INSECURE: '1' },
    });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toBe('pve1\npve2\npve3\n');
    expect(r.stderr).toBe(
      'Warning: TLS verification is disabled for region env (--insecure): the connection is not protected ' +
        'against interception\n',
    );
    expect(stderr.mock.calls.map(([chunk]) => String(chunk)).filter((c) => c.includes('TLS verification'))).toEqual([]);
  });
});
