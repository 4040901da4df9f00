// pvesim as users run it: argument errors in-process, then the built sim/dist/pvesim.js as a process,
// reached with curl (installed on CI and dev machines) the way the docs show.
import { execFile, spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { X509Certificate } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import tls from 'node:tls';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeCertificates, publicKeyPinOf } from '../src/cert.js';
import { runPvesim } from '../src/cli.js';
import { expectNoSchemaViolations, officialSchema, repoRoot, runCli, startSim } from '../../test/helpers/sim.js';

describe('arguments', () => {
  async function pvesim(...argv: string[]) {
    let stdout = '';
    let stderr = '';
    const code = await runPvesim(argv, {
      stdout: { write: (s: string) => ((stdout += s), true) } as NodeJS.WritableStream,
      stderr: { write: (s: string) => ((stderr += s), true) } as NodeJS.WritableStream,
    });
    return { code, stdout, stderr };
  }

  it.each([
    [['--port', 'abc'], '--port'],
    [['--port', '70000'], '--port'],
    [['--nodes', '0'], '--nodes'],
    [['--guests', '-1'], '--guests'],
    [['--task-ms', '1.5'], '--task-ms'],
    [['--error-rate', '2'], '--error-rate'],
    [['--latency-ms', 'slow'], '--latency-ms'],
    [['--token', 'root@pam=secret'], '--token'],
    [['--port', '0', '--token', 'ops@pve!ro=s3cret:VM.Audit,Bogus.Priv'], '--token'],
    [['--port', '0', '--token', 'ops@pve!ro=s3cret:'], '--token'],
    [['--port', '0', '--token', 'ops@pve!ro=a', '--token', 'ops@pve!ro=b'], '--token'],
    [['--auth-fail-delay-ms', 'soon'], '--auth-fail-delay-ms'],
    [['--seed', 'x'], '--seed'],
    [['--bogus'], '--bogus'],
  ])('%j fails with exit code 2 naming %s, before starting anything', async (argv, flag) => {
    const result = await pvesim(...argv);
    expect(result).toMatchObject({ code: 2, stdout: '' });
    expect(result.stderr).toContain(flag);
  });

  it('refuses a --schema file that does not exist', async () => {
    const result = await pvesim('--schema', '/nonexistent/apidoc.json', '--port', '0');
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('--schema /nonexistent/apidoc.json');
  });

  it('prints help on stdout with exit code 0', async () => {
    const result = await pvesim('--help');
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/--guests <n>[\s\S]*--no-schema[\s\S]*--ca-out <file>/);
    expect(result.stdout).toMatch(/--token <user@realm!name=secret\[:PRIV,…\]>[\s\S]*--auth-fail-delay-ms <ms>/);
  });
});

const dist = join(repoRoot, 'sim/dist/pvesim.js');
if (!existsSync(dist)) console.warn(`!! ${dist} is missing (run npm run build): the pvesim process tests are skipped`);

interface Running {
  child: ChildProcessWithoutNullStreams;
  line: { url: string; fingerprint: string; token: string };
  stdout: () => string;
  stderr: () => string;
  readyMs: number;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

const running: Running[] = [];
afterAll(() => running.forEach((r) => r.child.kill('SIGKILL')));

function startPvesim(args: string[], entry = dist): Promise<Running> {
  const started = performance.now();
  const child = spawn(process.execPath, [entry, ...args], { cwd: repoRoot });
  let stdout = '';
  let stderr = '';
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.on('exit', (code, signal) => resolve({ code, signal })),
  );
  return new Promise((resolve, reject) => {
    const fail = (why: string) => reject(new Error(`pvesim ${args.join(' ')}: ${why}\n${stderr}`));
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      fail('no JSON line within 15 s');
    }, 15_000);
    child.stderr.setEncoding('utf8').on('data', (s: string) => (stderr += s));
    child.stdout.setEncoding('utf8').on('data', (s: string) => {
      stdout += s;
      if (!stdout.includes('\n')) return;
      clearTimeout(timer);
      const r: Running = {
        child,
        line: JSON.parse(stdout.split('\n')[0]!),
        stdout: () => stdout,
        stderr: () => stderr,
        readyMs: performance.now() - started,
        exited,
      };
      running.push(r);
      resolve(r);
    });
    void exited.then(({ code }) => {
      clearTimeout(timer);
      fail(`exited with ${code} before its JSON line`);
    });
  });
}

async function waitFor(condition: () => boolean, ms = 5000): Promise<void> {
  for (const end = Date.now() + ms; !condition() && Date.now() < end;) await new Promise((r) => setTimeout(r, 10));
}

function curl(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile('curl', ['-sS', ...args], { maxBuffer: 64 << 20 }, (err, stdout, stderr) => {
      resolve({ code: err ? Number((err as NodeJS.ErrnoException).code ?? 1) : 0, stdout, stderr });
    });
  });
}

describe.skipIf(!existsSync(dist))('the pvesim process', () => {
  const dir = mkdtempSync(join(tmpdir(), 'pvesim-cli-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('prints one JSON line, serves curl --cacert with the CA it wrote, and stops on SIGTERM with 0', async () => {
    const caFile = join(dir, 'ca.pem');
    const sim = await startPvesim(['--port', '0', '--ca-out', caFile, '--no-schema']);
    expect(Object.keys(sim.line)).toEqual(['url', 'fingerprint', 'token']);
    expect(sim.line.url).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
    expect(sim.line.fingerprint).toMatch(/^([0-9A-F]{2}:){31}[0-9A-F]{2}$/);
    expect(sim.line.token).toMatch(/^root@pam!pvectl=\S+$/);
    await waitFor(() => sim.stderr().includes("pvesim's README.md")); // stderr is a separate pipe
    expect(sim.stderr()).toContain('NOT checked against the API schema');
    for (const hint of ['PVECTL_URL=', 'PVECTL_TOKEN=', 'PVECTL_FINGERPRINT=', 'curl --cacert', '--pinnedpubkey']) {
      expect(sim.stderr()).toContain(hint);
    }

    // The certificate served is the one announced, and chains to the CA written to --ca-out.
    const ca = readFileSync(caFile, 'utf8');
    const { port } = new URL(sim.line.url);
    const served = await new Promise<Buffer>((resolve, reject) => {
      const socket = tls
        .connect({ host: '127.0.0.1', port: Number(port), ca }, () => {
          resolve(socket.getPeerCertificate().raw);
          socket.end();
        })
        .on('error', reject);
    });
    expect(new X509Certificate(served).fingerprint256).toBe(sim.line.fingerprint);

    const auth = `Authorization: PVEAPIToken=${sim.line.token}`;
    const version = await curl('--cacert', caFile, '-H', auth, `${sim.line.url}/api2/json/version`);
    expect(version.code).toBe(0);
    expect(JSON.parse(version.stdout).data.version).toMatch(/^9\./);
    const anonymous = await curl(
      '--cacert',
      caFile,
      '-o',
      '/dev/null',
      '-w',
      '%{http_code}',
      `${sim.line.url}/api2/json/version`,
    );
    expect(anonymous.stdout).toBe('401');

    // Pinning the public key, as the hints show, instead of trusting the CA.
    const pin = /--pinnedpubkey '([^']+)'/.exec(sim.stderr())![1]!;
    expect(pin).toBe(publicKeyPinOf(new X509Certificate(served).toString()));
    expect((await curl('-k', '--pinnedpubkey', pin, '-H', auth, `${sim.line.url}/api2/json/version`)).code).toBe(0);
    const wrongPin = publicKeyPinOf(makeCertificates({ selfSigned: true }).certPem);
    expect((await curl('-k', '--pinnedpubkey', wrongPin, `${sim.line.url}/api2/json/version`)).code).toBe(90);
    expect((await curl(`${sim.line.url}/api2/json/version`)).code).toBe(60); // untrusted without either

    sim.child.kill('SIGTERM');
    expect(await sim.exited).toEqual({ code: 0, signal: null });
    expect(sim.stdout().split('\n')).toEqual([expect.stringMatching(/^\{.*\}$/), '']);
  });

  it('runs through sim/bin/pvesim.js too, takes --token and --error-rate, and stops on SIGINT with 0', async () => {
    const sim = await startPvesim(
      ['--port', '0', '--token', 'ci@pve!e2e=s3cret', '--error-rate', '1', '--seed', '3'],
      join(repoRoot, 'sim/bin/pvesim.js'),
    );
    expect(sim.line.token).toBe('ci@pve!e2e=s3cret');
    const reply = await curl(
      '-k',
      '-o',
      '/dev/null',
      '-w',
      '%{http_code}',
      '-H',
      'Authorization: PVEAPIToken=ci@pve!e2e=s3cret',
      `${sim.line.url}/api2/json/version`,
    );
    expect(['502', '503']).toContain(reply.stdout);
    const faults = await curl('-k', `${sim.line.url}/_sim/faults`);
    expect(JSON.parse(faults.stdout).data).toMatchObject({ errorRate: 1, latencyMs: 0 });
    sim.child.kill('SIGINT');
    expect(await sim.exited).toEqual({ code: 0, signal: null });
  });

  // One process for the three checks below (several tokens, node fingerprints, the 401 delay).
  describe('with two --token flags and --auth-fail-delay-ms 400', () => {
    let sim: Running;
    beforeAll(async () => {
      sim = await startPvesim([
        ...['--port', '0', '--no-schema', '--auth-fail-delay-ms', '400'],
        ...['--token', 'ci@pve!full=full-secret', '--token', 'ops@pve!ro=ro-secret:Sys.Audit,Datastore.Audit'],
      ]);
    });
    afterAll(() => sim.child.kill('SIGKILL'));

    it('takes several --token flags, prints the first, and restricts the others to their privileges', async () => {
      expect(sim.line.token).toBe('ci@pve!full=full-secret');
      await waitFor(() => sim.stderr().includes("pvesim's README.md"));
      expect(sim.stderr()).toContain('ops@pve!ro=ro-secret  (Sys.Audit,Datastore.Audit)');
      const as = (token: string) => ['-k', '-H', `Authorization: PVEAPIToken=${token}`];
      const api = `${sim.line.url}/api2/json`;
      const all = JSON.parse(
        (await curl(...as('ci@pve!full=full-secret'), `${api}/cluster/resources?type=vm`)).stdout,
      ).data;
      expect(all.length).toBeGreaterThan(0);
      const ro = JSON.parse((await curl(...as('ops@pve!ro=ro-secret'), `${api}/cluster/resources`)).stdout).data;
      expect(ro.filter((r: { type: string }) => r.type === 'qemu' || r.type === 'lxc')).toEqual([]);
      expect(ro.filter((r: { type: string }) => r.type === 'node')).toHaveLength(3);
      const start = await curl(
        ...as('ops@pve!ro=ro-secret'),
        '-X',
        'POST',
        '-i',
        `${api}/nodes/pve1/qemu/102/status/start`,
      );
      expect(start.stdout).toMatch(/^HTTP\/1\.1 403 Permission check failed \(\/vms\/102, VM\.PowerMgmt\)\r$/m);
      const wrong = await curl(
        ...as('ops@pve!ro=full-secret'),
        '-o',
        '/dev/null',
        '-w',
        '%{http_code}',
        `${api}/version`,
      );
      expect(wrong.stdout).toBe('401');
    });

    it("reports the served certificate as every node's ssl_fingerprint in GET /nodes", async () => {
      const nodes = await curl(
        '-k',
        '-H',
        `Authorization: PVEAPIToken=${sim.line.token}`,
        `${sim.line.url}/api2/json/nodes`,
      );
      const fingerprints = JSON.parse(nodes.stdout).data.map((n: { ssl_fingerprint: string }) => n.ssl_fingerprint);
      expect(fingerprints).toEqual([sim.line.fingerprint, sim.line.fingerprint, sim.line.fingerprint]);
    });

    it('delays 401 answers by --auth-fail-delay-ms, and only those', async () => {
      const timed = (token: string) =>
        curl(
          '-k',
          '-o',
          '/dev/null',
          '-w',
          '%{http_code} %{time_pretransfer} %{time_starttransfer}',
          '-H',
          `Authorization: PVEAPIToken=${token}`,
          `${sim.line.url}/api2/json/version`,
        );
      // the server's own time (request sent to first byte back), without the TLS handshake, which a
      // busy machine (several test workers on 2 cores) can stretch by itself
      const serverSeconds = (out: string) => Number(out.split(' ')[2]) - Number(out.split(' ')[1]);
      const bad = (await timed('root@pam!pvectl=wrong')).stdout;
      expect(bad.split(' ')[0]).toBe('401');
      expect(serverSeconds(bad)).toBeGreaterThanOrEqual(0.39);
      const good = (await timed(sim.line.token)).stdout;
      expect(good.split(' ')[0]).toBe('200');
      expect(serverSeconds(good)).toBeLessThan(0.39);
    });

    it('stops on SIGTERM with 0', async () => {
      sim.child.kill('SIGTERM');
      expect((await sim.exited).code).toBe(0);
    });
  });

  it('refuses a --ca-out it cannot write, with exit code 2', async () => {
    const child = spawn(process.execPath, [dist, '--port', '0', '--no-schema', '--ca-out', '/nonexistent/dir/ca.pem']);
    let stderr = '';
    child.stderr.setEncoding('utf8').on('data', (s: string) => (stderr += s));
    expect(await new Promise((resolve) => child.on('exit', resolve))).toBe(2);
    expect(stderr).toContain('--ca-out /nonexistent/dir/ca.pem');
  });

  it('says when the port is taken, with exit code 1', async () => {
    const blocker = createServer().listen(0, '127.0.0.1');
    await new Promise((resolve) => blocker.once('listening', resolve));
    const port = (blocker.address() as { port: number }).port;
    const child = spawn(process.execPath, [dist, '--port', String(port), '--no-schema'], { cwd: repoRoot });
    let stderr = '';
    child.stderr.setEncoding('utf8').on('data', (s: string) => (stderr += s));
    const code = await new Promise((resolve) => child.on('exit', resolve));
    blocker.close();
    expect(code).toBe(1);
    expect(stderr).toContain('the port is in use');
  });

  it('starts with 10000 extra guests, lists them in one call, and checks requests against the schema', async () => {
    const sim = await startPvesim(['--port', '0', '--guests', '10000']);
    console.info(`pvesim --guests 10000: JSON line after ${Math.round(sim.readyMs)} ms (node start included)`);
    const auth = `Authorization: PVEAPIToken=${sim.line.token}`;
    const resources = await curl('-k', '-H', auth, `${sim.line.url}/api2/json/cluster/resources?type=vm`);
    expect(JSON.parse(resources.stdout).data.length).toBeGreaterThanOrEqual(10_000);
    await waitFor(() => sim.stderr().includes("pvesim's README.md"));
    const bogus = await curl(
      '-k',
      '-o',
      '/dev/null',
      '-w',
      '%{http_code}',
      '-H',
      auth,
      `${sim.line.url}/api2/json/cluster/resources?type=bogus`,
    );
    if (officialSchema()) {
      expect(sim.stderr()).toContain('requests are checked against');
      expect(bogus.stdout).toBe('400');
    } else {
      expect(sim.stderr()).toContain('NOT checked against the API schema');
    }
    sim.child.kill('SIGTERM');
    expect((await sim.exited).code).toBe(0);
  });
});

describe.skipIf(!existsSync(join(repoRoot, 'dist/pvectl.js')))('the built pvectl against pvesim (runCli)', () => {
  it('lists the nodes over pinned HTTPS, with schema-valid requests only', async () => {
    const sim = await startSim();
    try {
      const result = await runCli(['node', 'list', '-o', 'json'], { sim });
      expect(result.stderr).toBe('');
      expect(result.code).toBe(0);
      expect(JSON.parse(result.stdout).map((n: { node: string }) => n.node)).toEqual(['pve1', 'pve2', 'pve3']);
      expect(sim.sim.requestLog.length).toBeGreaterThan(0);
      expectNoSchemaViolations(sim);
      const wrongPin = await runCli(['node', 'list'], { sim: { ...sim, fingerprint: makeCertificates().fingerprint } });
      expect(wrongPin.code).toBe(5);
    } finally {
      await sim.close();
    }
  });
});
