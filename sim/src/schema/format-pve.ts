// Identifier formats registered by pve-common, pve-access-control, pve-storage and
// qemu-server. Each check returns null when fine, else the text PVE dies with.
import { isQemuBootDevice, isQemuDrive } from './indexed.js';
import { perlFull } from './perl-end.js';

type Check = (v: string) => string | null;
const re =
  (r: RegExp, msg: (v: string) => string): Check =>
  (v) =>
    perlFull(r, v) ? null : msg(v);

const REALM = '[A-Za-z][A-Za-z0-9.\\-_]+';
const USER = '[^\\s:/]+';
const USERID = new RegExp(`^${USER}@${REALM}$`);
const EMAIL_USER = '[\\w+\\-~]+(?:\\.[\\w+\\-~]+)*';
const EMAIL = new RegExp(`^${EMAIL_USER}@[a-zA-Z0-9-]+(?:\\.[a-zA-Z0-9-]+)*$`);
const STORAGE_ID = /^[a-z][a-z0-9\-_.]*[a-z0-9]$/i;
const VOLUME_ID = /^[a-z][a-z0-9\-_.]*[a-z0-9]:.+$/i;

// Privilege names of PVE 9.1 (every one the schema's permission texts mention).
const PRIVS = new Set(
  (
    'Datastore.Allocate Datastore.AllocateSpace Datastore.AllocateTemplate Datastore.Audit ' +
    'Group.Allocate Mapping.Audit Mapping.Modify Mapping.Use Permissions.Modify Pool.Allocate Pool.Audit ' +
    'Realm.Allocate Realm.AllocateUser SDN.Allocate SDN.Audit SDN.Use Sys.AccessNetwork Sys.Audit ' +
    'Sys.Console Sys.Incoming Sys.Modify Sys.PowerMgmt Sys.Syslog User.Modify VM.Allocate VM.Audit ' +
    'VM.Backup VM.Clone VM.Config.CDROM VM.Config.CPU VM.Config.Cloudinit VM.Config.Disk ' +
    'VM.Config.HWType VM.Config.Memory VM.Config.Network VM.Config.Options VM.Console ' +
    'VM.GuestAgent.Audit VM.GuestAgent.FileRead VM.GuestAgent.FileSystemMgmt VM.GuestAgent.FileWrite ' +
    'VM.GuestAgent.Unrestricted VM.Migrate VM.PowerMgmt VM.Replicate VM.Snapshot VM.Snapshot.Rollback'
  ).split(' '),
);

const CONTENT = new Set(['images', 'rootdir', 'vztmpl', 'iso', 'backup', 'snippets', 'import', 'none']);

const storageId: Check = re(STORAGE_ID, (v) => `storage ID '${v}' contains illegal characters`);
const volumeId: Check = re(VOLUME_ID, (v) => `unable to parse volume ID '${v}'`);
const volumeOrPath: Check = (v) => (v.startsWith('/') ? null : volumeId(v));

function startupOrder(v: string): string | null {
  const bad = 'unable to parse startup options';
  if (v === '' || v === '0') return bad; // Perl: `return undef if !$value`
  for (const part of v.split(',')) {
    if (/^\s*$/.test(part)) continue;
    if (!/^(?:(?:order=)?\d+|up=\d+|down=\d+)$/.test(part)) return bad;
  }
  return null;
}

/** storage-pair / bridge-pair: `1`, `ID`, or `SRC:DST` (one list entry, pve-common parse_idmap). */
function idPair(check: Check): Check {
  return (v) => {
    for (const entry of v.replace(/[,;]/g, ' ').trim().split(/\s+/).filter(Boolean)) {
      if (entry === '1') continue;
      const pair = /^([^:]+):([^:]+)$/.exec(entry);
      for (const id of pair ? [pair[1]!, pair[2]!] : [entry]) {
        const err = check(id);
        if (err) return `entry '${entry}' contains invalid ID - ${err}`;
      }
    }
    return null;
  };
}

export const pveFormats: Record<string, Check> = {
  string: () => null,
  'pve-node': re(/^[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?$/, () => 'value does not look like a valid node name'),
  'pve-vmid': re(/^[1-9][0-9]{2,8}$/, () => 'value does not look like a valid VM ID'),
  'pve-storage-id': storageId,
  'pve-configid': re(/^[a-z][a-z0-9_-]+$/i, (v) => `invalid configuration ID '${v}'`),
  'pve-poolid': re(
    /^[A-Za-z0-9.\-_]+(?:\/[A-Za-z0-9.\-_]+){0,2}$/,
    (v) => `pool name '${v}' contains invalid characters`,
  ),
  'pve-groupid': re(/^[A-Za-z0-9.\-_]+$/, (v) => `group name '${v}' contains invalid characters`),
  'pve-roleid': re(/^[A-Za-z0-9.\-_]+$/, (v) => `role name '${v}' contains invalid characters`),
  'pve-tag': re(/^[a-z0-9_][a-z0-9_\-+.]*$/i, () => 'invalid characters in tag'),
  urlencoded: re(/^[-%a-zA-Z0-9_.!~*'()]*$/, (v) => `invalid urlencoded string: ${v}`),
  'disk-size': re(/^\d+(?:\.\d+)?[KMGT]?$/, (v) => `value does not look like a valid disk size: ${v}`),
  'pve-volume-id': volumeId,
  'pve-volume-id-or-absolute-path': volumeOrPath,
  'pve-volume-id-or-qm-path': (v) => (v === 'none' || v === 'cdrom' ? null : volumeOrPath(v)),
  'pve-realm': re(new RegExp(`^${REALM}$`), () => 'value does not look like a valid realm'),
  'pve-userid': (v) => {
    if (v.length < 3) return `user name '${v}' is too short`;
    if (v.length > 64) return `user name '${v}' is too long (${v.length} > 64)`;
    return perlFull(USERID, v) ? null : `value '${v}' does not look like a valid user name`;
  },
  'pve-tokenid': re(
    new RegExp(`^${USER}@${REALM}!${REALM}$`),
    (v) => `value '${v}' does not look like a valid token ID`,
  ),
  email: re(EMAIL, () => 'value does not look like a valid email address'),
  'email-or-username': (v) =>
    perlFull(EMAIL, v) || perlFull(new RegExp(`^${EMAIL_USER}$`), v)
      ? null
      : 'value does not look like a valid email address or user name',
  'pve-priv': (v) => (PRIVS.has(v) ? null : `invalid privilege '${v}'`),
  'pve-storage-content': (v) => (CONTENT.has(v) ? null : `invalid content type '${v}'`),
  'pve-startup-order': startupOrder,
  'storage-pair': idPair(storageId),
  'bridge-pair': idPair(re(/^[-_.\w\d]+$/, (v) => `invalid bridge ID '${v}'`)),
  'pve-qm-bootdev': (v) => (isQemuBootDevice(v) ? null : `invalid boot device '${v}'`),
  'pve-qm-bootdisk': (v) => (isQemuDrive(v) && !/^(?:efidisk|tpmstate)/.test(v) ? null : `invalid boot disk '${v}'`),
  'pve-ha-resource-id': re(/^[a-z]+:\S+$/, () => 'value does not look like a valid ha resource id'),
  'pve-ha-resource-or-vm-id': re(/^(?:[a-z]+:\S+|\d+)$/, () => 'value does not look like a valid ha resource id'),
  'pve-storage-vgname': re(STORAGE_ID, (v) => `lvm name '${v}' contains illegal characters`),
  'pve-storage-options': re(/^\S+$/, (v) => `invalid options '${v}'`),
  'ldap-simple-attr': re(/^[a-zA-Z0-9]+$/, (v) => `value '${v}' does not look like a simple ldap attribute name`),
  'pve-task-status-type': re(/^(?:ok|error|warning|unknown)$/i, (v) => `invalid status '${v}'`),
  'pve-vlan-id-or-range': (v) => {
    const m = /^(\d+)(?:-(\d+))?$/.exec(v);
    if (!m) return `invalid VLAN configuration '${v}'`;
    for (const tag of [m[1], m[2]]) {
      if (tag !== undefined && (Number(tag) < 2 || Number(tag) > 4094)) return `invalid VLAN tag '${tag}'`;
    }
    return m[2] && Number(m[1]) >= Number(m[2]) ? `VLAN range must go from lower to higher tag '${v}'` : null;
  },
};
