// OS names as `--os` takes them: a family ("debian") or family-version ("debian-12",
// "ubuntu-24.04"). Vendors spell some families longer ("rockylinux", "almalinux" in the
// appliance index); pvectl shows and accepts the short name, and the long one too.

const ALIASES: Record<string, string> = {
  rockylinux: 'rocky',
  almalinux: 'alma',
};

export function canonicalFamily(family: string): string {
  const f = family.toLowerCase();
  return ALIASES[f] ?? f;
}

export interface OsName {
  family: string;
  /** empty: any version (the newest wins) */
  version: string;
}

/** "debian" → {debian, ""}; "ubuntu-24.04" → {ubuntu, 24.04}; "rockylinux-9" → {rocky, 9}. */
export function parseOsName(input: string): OsName {
  const s = input.trim().toLowerCase();
  const m = /^([a-z][a-z0-9]*?)-(\d[a-z0-9.]*)$/.exec(s);
  if (m) return { family: canonicalFamily(m[1]!), version: m[2]! };
  return { family: canonicalFamily(s), version: '' };
}

export function osLabel(family: string, version: string): string {
  return version ? `${family}-${version}` : family;
}

/** A requested version matches the same version or a more precise one ("24" → "24.04"). */
export function versionMatches(wanted: string, have: string): boolean {
  return wanted === '' || have === wanted || have.startsWith(`${wanted}.`);
}

/** Numeric-aware comparison: "3.9" < "3.22", "22.04" < "24.04"; words sort before numbers. */
export function compareVersions(a: string, b: string): number {
  const pa = a.split('.');
  const pb = b.split('.');
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const x = pa[i] ?? '';
    const y = pb[i] ?? '';
    if (x === y) continue;
    const nx = /^\d+$/.test(x) ? Number(x) : NaN;
    const ny = /^\d+$/.test(y) ? Number(y) : NaN;
    if (!Number.isNaN(nx) && !Number.isNaN(ny)) return nx - ny;
    if (Number.isNaN(nx) !== Number.isNaN(ny)) return Number.isNaN(nx) ? -1 : 1;
    return x < y ? -1 : 1;
  }
  return 0;
}

/**
 * The OS of an appliance template: its `os` field ("debian-12", "rockylinux-9") or else its file
 * name ("alpine-3.22-default_20250617_amd64.tar.xz", "archlinux-base_20240911-1_amd64.tar.zst").
 */
export function applianceOs(entry: { os?: unknown; template?: unknown; package?: unknown }): OsName | undefined {
  for (const candidate of [entry.os, entry.package, entry.template]) {
    if (typeof candidate !== 'string') continue;
    const m = /^([a-z][a-z0-9]*?)-(\d[a-z0-9.]*)(?:$|[-_])/i.exec(candidate);
    if (m) return { family: canonicalFamily(m[1]!), version: m[2]!.toLowerCase() };
  }
  for (const candidate of [entry.template, entry.package]) {
    if (typeof candidate !== 'string') continue;
    const m = /^([a-z][a-z0-9]*)[-_]/i.exec(candidate);
    if (m) return { family: canonicalFamily(m[1]!), version: '' };
  }
  return undefined;
}

/** The OS a template VM stands for: tags `os-<family>-<version>` / `os-<family>`, else its name. */
export function templateOs(name: string, tags: string[]): OsName | undefined {
  let found: OsName | undefined;
  for (const tag of tags) {
    const m = /^os-([a-z][a-z0-9]*?)(?:-(\d[a-z0-9.]*))?$/i.exec(tag);
    if (!m) continue;
    const os = { family: canonicalFamily(m[1]!), version: (m[2] ?? '').toLowerCase() };
    if (!found || (found.family === os.family && os.version.length > found.version.length)) found = os;
  }
  if (found && found.version) return found;
  const m = /^([a-z][a-z0-9]*?)-(\d[a-z0-9.]*)(?:$|-)/i.exec(name);
  if (m && KNOWN_FAMILIES.has(canonicalFamily(m[1]!))) {
    const byName = { family: canonicalFamily(m[1]!), version: m[2]!.toLowerCase() };
    if (!found || found.family === byName.family) return byName;
  }
  return found;
}

// names a template VM may be called after; tags name any family
const KNOWN_FAMILIES = new Set([
  'debian',
  'ubuntu',
  'rocky',
  'alma',
  'fedora',
  'centos',
  'alpine',
  'opensuse',
  'archlinux',
  'devuan',
  'oracle',
  'rhel',
  'freebsd',
  'nixos',
]);
