// The NoCloud seed's contents: pvectl's cloud-config passes cloud-init's own schema check (Debian's
// cloud-init package), the user's #cloud-config merges into it, other user-data joins it in a MIME
// archive that Python's email parser (what cloud-init uses) reads back, and the network config.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { pvectlCloudConfig } from '../../src/create/seed/cloud-config.js';
import { metaData, networkConfig } from '../../src/create/seed/seed-files.js';
import { buildUserData } from '../../src/create/seed/user-data.js';

const guest = { vmid: 104, hostname: 'web-1', user: 'debian', sshKeys: ['ssh-ed25519 AAAAC3Nza me@host'] };
const ours = pvectlCloudConfig(guest);

function tmpFile(name: string, text: string): string {
  const file = join(mkdtempSync(join(tmpdir(), 'seed-')), name);
  writeFileSync(file, text);
  return file;
}

/** cloud-init's own validation; throws (with its report) when the file is not valid. */
function schemaCheck(text: string): string {
  return execFileSync('cloud-init', ['schema', '--config-file', tmpFile('user-data', text)], {
    encoding: 'utf8',
    stdio: 'pipe',
  });
}

/** The parts of a MIME archive as Python's email module (cloud-init's reader) sees them. */
function mimeParts(text: string): Array<[string, string]> {
  const py =
    'import email,json,sys\nm=email.message_from_string(open(sys.argv[1]).read())\n' +
    'print(json.dumps([[p.get_content_type(), p.get_payload(decode=True).decode()] for p in m.walk() ' +
    'if not p.is_multipart()]))';
  return JSON.parse(execFileSync('python3', ['-c', py, tmpFile('ud', text)], { encoding: 'utf8' })) as Array<
    [string, string]
  >;
}

describe('seed user-data', () => {
  it("pvectl's own cloud-config passes cloud-init schema and installs the agent", () => {
    const text = buildUserData(ours, undefined);
    expect(schemaCheck(text)).toMatch(/Valid cloud-config/);
    const cfg = parse(text) as Record<string, unknown>;
    expect(cfg.packages).toEqual(['qemu-guest-agent']);
    expect(cfg.users).toEqual([expect.objectContaining({ name: 'debian', ssh_authorized_keys: guest.sshKeys })]);
    expect(cfg.hostname).toBe('web-1');
  });

  it("merges a #cloud-config: lists joined, the user's other keys win", () => {
    const mine = '#cloud-config\npackages: [nginx, qemu-guest-agent]\nruncmd: [echo hi]\nhostname: other\n';
    const text = buildUserData(ours, mine + 'users: [{name: ops, shell: /bin/sh}]\ntimezone: Europe/Paris\n');
    expect(schemaCheck(text)).toMatch(/Valid cloud-config/);
    const cfg = parse(text) as Record<string, unknown>;
    expect(cfg.packages).toEqual(['qemu-guest-agent', 'nginx']);
    expect(cfg.runcmd).toEqual([['systemctl', 'start', 'qemu-guest-agent'], 'echo hi']);
    expect((cfg.users as Array<{ name: string }>).map((u) => u.name)).toEqual(['debian', 'ops']);
    expect(cfg.hostname).toBe('other');
    expect(cfg.timezone).toBe('Europe/Paris');
  });

  it('puts a shell script beside its cloud-config in a MIME archive', () => {
    const script = '#!/bin/sh\necho hello > /tmp/x\n';
    const parts = mimeParts(buildUserData(ours, script));
    expect(parts.map((p) => p[0])).toEqual(['text/cloud-config', 'text/x-shellscript']);
    expect(schemaCheck(parts[0]![1])).toMatch(/Valid cloud-config/);
    expect(parts[1]![1]).toBe(script);
  });

  it('keeps #include and the parts of a MIME archive the user gives', () => {
    expect(mimeParts(buildUserData(ours, '#include\nhttps://example.com/a\n')).map((p) => p[0])).toEqual([
      'text/cloud-config',
      'text/x-include-url',
    ]);
    const theirs =
      'Content-Type: multipart/mixed; boundary="XX"\nMIME-Version: 1.0\n\n--XX\n' +
      'Content-Type: text/x-shellscript\n\n#!/bin/sh\ntrue\n--XX\nContent-Type: text/cloud-boothook\n\n' +
      '#cloud-boothook\necho boot\n--XX--\n';
    const parts = mimeParts(buildUserData(ours, theirs));
    expect(parts.map((p) => p[0])).toEqual(['text/cloud-config', 'text/x-shellscript', 'text/cloud-boothook']);
    expect(parts[2]![1]).toBe('#cloud-boothook\necho boot\n');
  });

  it('refuses user-data cloud-init would not recognise, and a #cloud-config that is not a mapping', () => {
    expect(() => buildUserData(ours, 'hello\n')).toThrow(/not user-data cloud-init knows/);
    expect(() => buildUserData(ours, '#cloud-config\n- a\n')).toThrow(/mapping/);
    expect(() => buildUserData(ours, '#cloud-config\npackages: nginx\n')).toThrow(/"packages" must be a list/);
  });
});

describe('seed meta-data and network-config', () => {
  it('names the instance and host', () => {
    expect(parse(metaData(104, 'web-1'))).toEqual({ 'instance-id': 'pvectl-104-web-1', 'local-hostname': 'web-1' });
  });

  it('is DHCP, or the static address with gateway and DNS, for the NIC with that MAC', () => {
    expect(parse(networkConfig({ ip: 'dhcp', dns: [] }))).toEqual({
      version: 2,
      ethernets: { eth0: { match: { name: 'e*' }, dhcp4: true } },
    });
    const net = {
      ip: '192.0.2.10/24',
      gateway: '192.0.2.1',
      dns: ['192.0.2.53'],
      searchDomain: 'lab',
      mac: 'BC:24:11:00:00:01',
    };
    expect(parse(networkConfig(net))).toEqual({
      version: 2,
      ethernets: {
        eth0: {
          match: { macaddress: 'bc:24:11:00:00:01' },
          'set-name': 'eth0',
          addresses: ['192.0.2.10/24'],
          routes: [{ to: 'default', via: '192.0.2.1' }],
          nameservers: { addresses: ['192.0.2.53'], search: ['lab'] },
        },
      },
    });
  });
});
