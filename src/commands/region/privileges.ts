// The privileges pvectl's verbs need, checked against GET /access/permissions
// (path → { privilege → propagate }), with the pveum command that grants what is missing.
import type { Check } from './checks.js';

interface Need {
  privs: string[];
  label: string;
  /** the ACL path the verbs act below */
  path: '/vms' | '/storage' | '/';
  why: string;
  role: string;
}

const NEEDS: Need[] = [
  { privs: ['VM.Audit'], label: 'VM.Audit', path: '/vms', why: 'see guests (list, show)', role: 'PVEVMAdmin' },
  {
    privs: ['VM.PowerMgmt'],
    label: 'VM.PowerMgmt',
    path: '/vms',
    why: 'start, stop, reboot guests',
    role: 'PVEVMAdmin',
  },
  { privs: ['VM.Allocate'], label: 'VM.Allocate', path: '/vms', why: 'create and delete guests', role: 'PVEVMAdmin' },
  { privs: ['VM.Clone'], label: 'VM.Clone', path: '/vms', why: 'create VMs from templates', role: 'PVEVMAdmin' },
  {
    privs: [
      'VM.Config.Disk',
      'VM.Config.CPU',
      'VM.Config.Memory',
      'VM.Config.Network',
      'VM.Config.Options',
      'VM.Config.CDROM',
      'VM.Config.Cloudinit',
      'VM.Config.HWType',
    ],
    label: 'VM.Config.*',
    path: '/vms',
    why: 'configure and resize guests',
    role: 'PVEVMAdmin',
  },
  {
    privs: ['Datastore.AllocateSpace'],
    label: 'Datastore.AllocateSpace',
    path: '/storage',
    why: 'create guest disks',
    role: 'PVEDatastoreUser',
  },
  {
    privs: ['Datastore.AllocateTemplate'],
    label: 'Datastore.AllocateTemplate',
    path: '/storage',
    why: 'download images and templates',
    role: 'PVEDatastoreAdmin',
  },
  {
    privs: ['Sys.Audit'],
    label: 'Sys.Audit',
    path: '/',
    why: 'read node and cluster status and all tasks',
    role: 'PVEAuditor',
  },
];

type Permissions = Record<string, Record<string, unknown>>;

export function privilegeChecks(perms: Permissions, tokenId: string): Check[] {
  return NEEDS.map((need) => {
    // Proxmox lists the standard paths (/, /vms, /storage …) with what is effective there.
    const here = perms[need.path] ?? (need.path !== '/' ? onRootPropagated(perms) : undefined) ?? {};
    const missing = need.privs.filter((p) => !granted(here[p]));
    const check = `privilege ${need.label}`;
    if (missing.length === 0) return { check, status: 'ok', detail: `on ${need.path}: ${need.why}` };
    const elsewhere = pathsGranting(perms, missing[0]!, need.path);
    const fix = `pveum acl modify ${need.path} --tokens '${tokenId}' --roles ${need.role}`;
    if (elsewhere.length > 0) {
      return {
        check,
        status: 'warn',
        detail:
          `only on ${elsewhere.slice(0, 3).join(', ')}${elsewhere.length > 3 ? ' …' : ''}: ${need.why} works ` +
          `there only`,
        fix,
      };
    }
    const what = missing.length < need.privs.length ? `missing ${missing.join(', ')}` : 'missing';
    return { check, status: 'FAIL', detail: `${what} on ${need.path}: cannot ${need.why}`, fix };
  });
}

/** The privilege-separation note that goes with any fix. */
export function privsepNote(tokenId: string): string {
  return (
    `API tokens are created with privilege separation: '${tokenId}' has only the rights granted to the token itself, ` +
    'and never more than its user has. Grant roles to the token (the commands above), or recreate it with ' +
    "`--privsep 0` to give it all of its user's rights."
  );
}

function onRootPropagated(perms: Permissions): Record<string, unknown> | undefined {
  const root = perms['/'];
  if (!root) return undefined;
  return Object.fromEntries(
    Object.entries(root).filter(([, propagate]) => propagate === 1 || propagate === true || propagate === '1'),
  );
}

/** Present at a path means granted there; the value only says whether it propagates. */
function granted(v: unknown): boolean {
  return v !== undefined && v !== null;
}

function pathsGranting(perms: Permissions, priv: string, under: string): string[] {
  return Object.keys(perms)
    .filter((p) => p !== under && granted(perms[p]?.[priv]))
    .filter((p) => under === '/' || p.startsWith(`${under}/`) || p.startsWith('/pool/'))
    .sort();
}
