// What `region list` and `region show` print. Rows are built field by field from the region,
// never spread from it, so the token secret cannot slip into any output format.
import type { Region } from '../../config/types.js';
import type { Column, ListView, ObjectView } from '../../output/types.js';

export type TrustKind = 'pinned' | 'ca' | 'insecure' | 'system';

/** Mirrors the transport's precedence: insecure > pin > CA file > system CAs. */
export function trustKind(region: Pick<Region, 'insecure' | 'fingerprint' | 'caFile'>): TrustKind {
  if (region.insecure) return 'insecure';
  if (region.fingerprint) return 'pinned';
  if (region.caFile) return 'ca';
  return 'system';
}

export const MASK = '********';

export interface RegionRow {
  name: string;
  url: string;
  tokenId: string;
  trust: TrustKind;
  fingerprint: string | null;
  caFile: string | null;
  current: boolean;
  defaults: Region['defaults'];
  domain: string | null;
  ipPool: Region['ipPool'] | null;
  vmidRange: Region['vmidRange'] | null;
}

export function regionRow(region: Region, current: string | undefined): RegionRow {
  return {
    name: region.name,
    url: region.url,
    tokenId: region.tokenId,
    trust: trustKind(region),
    fingerprint: region.fingerprint ?? null,
    caFile: region.caFile ?? null,
    current: region.name === current,
    defaults: { ...region.defaults },
    domain: region.domain ?? null,
    ipPool: region.ipPool ? { ...region.ipPool } : null,
    vmidRange: region.vmidRange ? { ...region.vmidRange } : null,
  };
}

export function listView(regions: Region[], current: string | undefined): ListView<RegionRow> {
  const columns: Column<RegionRow>[] = [
    { id: 'name', header: 'NAME', value: (r) => r.name },
    { id: 'url', header: 'URL', value: (r) => r.url },
    { id: 'tokenid', header: 'TOKEN ID', value: (r) => r.tokenId },
    { id: 'trust', header: 'TRUST', value: (r) => r.trust },
    { id: 'current', header: 'CURRENT', value: (r) => (r.current ? '*' : '') },
    { id: 'node', header: 'NODE', value: (r) => r.defaults.node ?? '', wide: true },
    { id: 'storage', header: 'STORAGE', value: (r) => r.defaults.storage ?? '', wide: true },
    { id: 'domain', header: 'DOMAIN', value: (r) => r.domain ?? '', wide: true },
  ];
  return { rows: regions.map((r) => regionRow(r, current)), columns, id: (r) => r.name };
}

export type RegionDetail = RegionRow & {
  tokenSecret: string;
  connectTimeoutMs: number | null;
  requestTimeoutMs: number | null;
};

export function objectView(region: Region, current: string | undefined): ObjectView<RegionDetail> {
  const value: RegionDetail = {
    ...regionRow(region, current),
    tokenSecret: MASK,
    connectTimeoutMs: region.connectTimeoutMs ?? null,
    requestTimeoutMs: region.requestTimeoutMs ?? null,
  };
  const pool = value.ipPool;
  const fields: Column<RegionDetail>[] = [
    { id: 'name', header: 'Name', value: (r) => r.name },
    { id: 'url', header: 'URL', value: (r) => r.url },
    { id: 'tokenid', header: 'Token ID', value: (r) => r.tokenId },
    { id: 'tokensecret', header: 'Token secret', value: (r) => r.tokenSecret },
    { id: 'trust', header: 'TLS trust', value: (r) => r.trust },
    { id: 'fingerprint', header: 'Fingerprint', value: (r) => r.fingerprint ?? '' },
    { id: 'cafile', header: 'CA file', value: (r) => r.caFile ?? '' },
    { id: 'current', header: 'Current', value: (r) => (r.current ? 'yes' : 'no') },
    { id: 'node', header: 'Default node', value: (r) => r.defaults.node ?? '' },
    { id: 'storage', header: 'Default storage', value: (r) => r.defaults.storage ?? '' },
    { id: 'bridge', header: 'Default bridge', value: (r) => r.defaults.bridge ?? '' },
    { id: 'pool', header: 'Default pool', value: (r) => r.defaults.pool ?? '' },
    { id: 'domain', header: 'Domain', value: (r) => r.domain ?? '' },
    {
      id: 'ippool',
      header: 'IP pool',
      value: () =>
        pool
          ? [
              pool.cidr,
              pool.start && `${pool.start}-${pool.end}`,
              `gw ${pool.gateway}`,
              pool.dns && `dns ${pool.dns.join(',')}`,
            ]
              .filter(Boolean)
              .join(' ')
          : '',
    },
    {
      id: 'vmidrange',
      header: 'VMID range',
      value: (r) => (r.vmidRange ? `${r.vmidRange.min}-${r.vmidRange.max}` : ''),
    },
  ];
  return { value, fields, id: (r) => r.name };
}
