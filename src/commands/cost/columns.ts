// How `pvectl cost` shows its rows, and the TOTAL lines under a table. Column ids are the JSON
// field names, so --columns, --sort and -o json speak the same words.
import type { Column } from '../../output/types.js';
import { formatMoney } from '../../lib/money.js';
import type { CostRow, Total } from './price.js';

export const COST_SORT_FIELDS = [
  'region',
  'vmid',
  'name',
  'type',
  'status',
  'cpus',
  'maxmem',
  'maxdisk',
  'hourly',
  'monthly',
  'currency',
] as const;

/** A table line: a guest, or the total of one currency (only its money cells and a label are shown). */
export type CostLine = CostRow | (Total & { total: string });

const isTotal = (l: CostLine): l is Total & { total: string } => 'total' in l;

// A blank cell: the printer shows a missing value as "-", which on a TOTAL line would read as data.
const BLANK = ' ';

/** With `raw` (tsv) the money columns carry plain numbers; tables get "0.0332 EUR". */
export function costColumns(multiRegion: boolean, raw: boolean): Column<CostLine>[] {
  const guest = (
    id: string,
    header: string,
    value: (r: CostRow) => unknown,
    extra: Partial<Column<CostLine>> = {},
  ): Column<CostLine> => ({
    id,
    header,
    value: (l) => (isTotal(l) ? (l.total === id ? 'TOTAL' : BLANK) : value(l)),
    ...extra,
  });
  const money = (id: 'hourly' | 'monthly', header: string, decimals: number): Column<CostLine> => ({
    id,
    header,
    value: (l) => (raw ? l[id] : formatMoney(l[id], l.currency, decimals)),
    kind: 'number',
  });
  const region = guest('region', 'REGION', (r) => r.region);
  return [
    ...(multiRegion ? [region] : []),
    guest('vmid', 'VMID', (r) => r.vmid, { kind: 'number', align: 'left' }),
    guest('name', 'NAME', (r) => r.name),
    guest('type', 'TYPE', (r) => r.type),
    guest('status', 'STATUS', (r) => r.status, { kind: 'status' }),
    guest('cpus', 'CPUS', (r) => r.cpus, { kind: 'number' }),
    guest('maxmem', 'MEMORY', (r) => r.maxmem, { kind: 'bytes' }),
    guest('maxdisk', 'DISK', (r) => r.maxdisk, { kind: 'bytes' }),
    money('hourly', 'PER HOUR', 4),
    money('monthly', 'PER MONTH', 2),
    {
      id: 'currency',
      header: 'CURRENCY',
      value: (l) => (isTotal(l) && l.total === 'currency' ? 'TOTAL' : l.currency),
      hidden: true,
    },
    ...(multiRegion ? [] : [{ ...region, hidden: true }]),
  ];
}

export function totalLines(totals: Total[], firstColumn: string): CostLine[] {
  return totals.map((t) => ({ ...t, total: firstColumn }));
}

export function jsonOf(r: CostRow): CostRow {
  return {
    region: r.region,
    vmid: r.vmid,
    name: r.name,
    type: r.type,
    status: r.status,
    cpus: r.cpus,
    maxmem: r.maxmem,
    maxdisk: r.maxdisk,
    hourly: r.hourly,
    monthly: r.monthly,
    currency: r.currency,
  };
}
