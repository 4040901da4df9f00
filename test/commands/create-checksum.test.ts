// The vendor checksum that goes with a cloud image download: read from the vendor's list (served
// here by msw handlers for the vendor URLs) and sent as `checksum` + `checksum-algorithm`; a list
// that cannot be read or has no line for the file is a warning, and the download goes on.
import { http, HttpResponse } from 'msw';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { run, startInProcessSim, type InProcessSim } from '../helpers/cli.js';
import { vendorChecksum } from '../../src/create/checksum.js';
import { InterruptedError } from '../../src/errors.js';
import { systemClock } from '../../src/context.js';
import { CATALOG, type CatalogImage } from '../../src/os/catalog.js';
import { expectConforming, homeWithKey, testChecksum, vendorList } from './create-helpers.js';

let s: InProcessSim;
let env: Record<string, string>;

beforeEach(() => {
  s = startInProcessSim();
  env = { ...s.env, HOME: homeWithKey() };
});
afterEach(() => {
  expectConforming(s);
  s.close();
  vi.unstubAllGlobals();
});

const image = (family: string, version: string) => CATALOG.find((c) => c.family === family && c.version === version)!;
const downloadParams = () => s.sim.requestLog.find((e) => e.path.endsWith('/download-url'))?.params;
const create = (os: string) => run(['vm', 'create', 'img-1', '--os', os, '--node', 'pve2', '--no-start'], { env });

describe('vm create: the cloud image download carries the vendor checksum', () => {
  it.each([
    ['debian-12', image('debian', '12')],
    ['ubuntu-24.04', image('ubuntu', '24.04')],
    ['rocky-9', image('rocky', '9')],
    ['alma-9', image('alma', '9')],
    ['fedora', image('fedora', '43')],
  ])('%s: fetched from the vendor list and sent with download-url', async (os, img: CatalogImage) => {
    const fetched: string[] = [];
    s.server.use(
      http.get(img.checksum.listUrl, ({ request }) => {
        fetched.push(request.url);
        return HttpResponse.text(vendorList(img));
      }),
    );
    const r = await create(os);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).not.toContain('Warning');
    expect(fetched).toEqual([img.checksum.listUrl]);
    expect(downloadParams()).toMatchObject({
      url: img.url,
      filename: img.filename,
      checksum: testChecksum(img),
      'checksum-algorithm': img.checksum.algorithm,
    });
  });

  it('an image already downloaded needs no list', async () => {
    const img = image('ubuntu', '24.04');
    s.server.use(http.get(img.checksum.listUrl, () => HttpResponse.text(vendorList(img))));
    expect((await create('ubuntu-24.04')).code).toBe(0);
    const fetched: string[] = [];
    s.server.use(http.get(img.checksum.listUrl, ({ request }) => void fetched.push(request.url)));
    const again = await run(['vm', 'create', 'img-2', '--os', 'ubuntu-24.04', '--node', 'pve2', '--no-start'], { env });
    expect(again.code, again.stderr).toBe(0);
    expect(fetched).toEqual([]);
  });

  it('an unreachable list: a warning naming it and the image host, and the download without a checksum', async () => {
    const img = image('ubuntu', '24.04');
    s.server.use(http.get(img.checksum.listUrl, () => HttpResponse.error()));
    const r = await create('ubuntu-24.04');
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr.split('\n')[0]).toMatch(
      new RegExp(
        `^Warning: could not read the checksum list ${escape(img.checksum.listUrl)}: .+; ` +
          'the image is downloaded without a checksum \\(Proxmox still checks the TLS certificate of ' +
          'cloud-images\\.ubuntu\\.com\\)$',
      ),
    );
    expect(downloadParams()).toEqual({ url: img.url, content: 'import', filename: img.filename });
  });

  it('an HTTP error names the status', async () => {
    const img = image('debian', '12');
    s.server.use(
      http.get(img.checksum.listUrl, () => new HttpResponse('gone', { status: 404, statusText: 'Not Found' })),
    );
    const r = await create('debian-12');
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toContain(
      `Warning: could not read the checksum list ${img.checksum.listUrl}: HTTP 404 Not Found; the image is ` +
        `downloaded without a checksum (Proxmox still checks the TLS certificate of cloud.debian.org)\n`,
    );
    expect(downloadParams()).not.toHaveProperty('checksum');
  });

  it('a list without a line for the file: a warning saying so', async () => {
    const img = image('debian', '12');
    s.server.use(
      http.get(img.checksum.listUrl, () => HttpResponse.text(`${'ab'.repeat(64)}  debian-12-generic-amd64.qcow2\n`)),
    );
    const r = await create('debian-12');
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toContain(
      `: it has no SHA512 line for debian-12-genericcloud-amd64.qcow2; the image is downloaded without a checksum`,
    );
    expect(downloadParams()).not.toHaveProperty('checksum');
  });
});

describe('vendorChecksum', () => {
  /** a fetch that answers only when its signal aborts it */
  const hangingFetch = vi.fn(
    (_url: string, init?: RequestInit) =>
      new Promise<Response>((_resolve, reject) =>
        init?.signal?.addEventListener('abort', () => reject(init.signal!.reason)),
      ),
  );
  // the real clock: the 30 ms limit below is a timer, and nothing else would move a virtual one
  const ctx = (signal = new AbortController().signal) => {
    const warnings: string[] = [];
    const c = { signal, warn: (m: string) => void warnings.push(m), clock: systemClock, webFetch: hangingFetch };
    return { ctx: c, warnings };
  };

  it('gives up after its timeout with a warning', async () => {
    const { ctx: c, warnings } = ctx();
    expect(await vendorChecksum(c, image('alma', '9'), 30)).toBeUndefined();
    expect(warnings).toEqual([
      `could not read the checksum list ${image('alma', '9').checksum.listUrl}: no answer within 0.03s; the ` +
        `image is downloaded without a checksum (Proxmox still checks the TLS certificate of ` +
        `repo.almalinux.org)`,
    ]);
  });

  it('Ctrl-C while reading the list interrupts the create', async () => {
    const ac = new AbortController();
    const { ctx: c, warnings } = ctx(ac.signal);
    const pending = vendorChecksum(c, image('alma', '9'));
    ac.abort();
    await expect(pending).rejects.toBeInstanceOf(InterruptedError);
    expect(warnings).toEqual([]);
  });
});

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}
