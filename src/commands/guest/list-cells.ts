// vm list's table cells, made from the raw entries with as little work per cell as each column
// allows: 5,000 guests make 45,000 cells in a process too short-lived for V8 to optimise much
// (issue 13). A cell is read by row index straight from the entry's own field, with no cursor
// moved and no getter called on the way (that chain was ~15 ms of the listing). Each cell is
// exactly what the printer would make of the column's value, humanCell(kind, value): either made
// so, or remembered under a raw field the value is a pure function of
// (test/commands/list-fast-path.test.ts compares every column on every entry).
import type { Guest } from '../../api/guests.js';
import type { RawResource } from '../../api/cluster.js';
import { humanCell } from '../../output/humanize.js';
import type { Column } from '../../output/types.js';
import { bool } from '../../lib/values.js';
import { numOrNull, RawGuest } from './raw-guest.js';

/** The listed entries, one slot per row index (list.ts's Entries). */
export interface ListedEntries {
  raw: RawResource[];
  vmid: ArrayLike<number>;
  /** an index into regions */
  region: ArrayLike<number>;
  regions: string[];
}

/** The cell text of a guest column, by row index. */
export function guestCells(column: Column<Guest>, all: ListedEntries): (i: number) => string {
  const kind = column.kind ?? 'text';
  const { raw, vmid, region } = all;
  const g = new RawGuest();
  // the printer's own cell, through the cursor: what every shortcut below stands for
  const made = (i: number) => humanCell(kind, column.value(g.at(raw[i]!, vmid[i]!, all.regions[region[i]!]!)));
  switch (column.id) {
    // a VMID is a finite number (rawVmid), unique per row: nothing to remember
    case 'vmid':
      return (i) => String(vmid[i]);
    // unique, or nearly, per row: made each time; a name that is text is its own value
    case 'name':
      return (i) => {
        const v = raw[i]!.name;
        return typeof v === 'string' && v !== '' ? humanCell(kind, v) : made(i);
      };
    case 'cpu':
    case 'mem':
      return made;
    case 'uptime':
      return uptimeCells(raw, made);
    // a few values, repeated: each made once, remembered under the entry's field(s) it comes from
    case 'status':
      return memoised((i) => (bool(raw[i]!.template) ? TEMPLATE : raw[i]!.status), made);
    case 'node':
      return memoised((i) => raw[i]!.node, made);
    case 'cpus':
      return memoised((i) => raw[i]!.maxcpu, made);
    case 'maxmem':
      return memoised((i) => raw[i]!.maxmem, made);
    case 'maxdisk':
      return memoised((i) => raw[i]!.maxdisk, made);
    case 'tags':
      return memoised((i) => raw[i]!.tags, made);
    case 'pool':
    case 'lock':
    case 'hastate':
    case 'type':
    case 'template': {
      const field = column.id;
      return memoised((i) => raw[i]![field], made);
    }
    case 'region':
      return memoised((i) => region[i], made);
    default:
      return memoised((i) => column.value(g.at(raw[i]!, vmid[i]!, all.regions[region[i]!]!)), made);
  }
}

/** A key no entry's status can be: a template's STATUS cell is "template" whatever its status says. */
const TEMPLATE = Symbol('template');

/**
 * Uptimes differ in seconds, but their text ("26d 16h", formatDuration) only in hours beyond a day,
 * in minutes beyond an hour: each text is made once for the span it stands for, keyed by the uptime
 * cut to that span (which stays in the same range, so the same text). 5,000 uptimes made ~20,000
 * short-lived strings.
 */
function uptimeCells(raw: RawResource[], made: (i: number) => string): (i: number) => string {
  const memo = new Map<number, string>();
  return (i) => {
    const v = numOrNull(raw[i]!.uptime); // what RawGuest#uptime reads
    if (v === null || !(v >= 1)) return made(i);
    const whole = Math.floor(v);
    const key = whole >= 86_400 ? whole - (whole % 3600) : whole >= 3600 ? whole - (whole % 60) : whole;
    let text = memo.get(key);
    if (text === undefined) {
      text = made(i);
      if (memo.size < 4 * MEMO_SIZE) memo.set(key, text);
    }
    return text;
  };
}

/** Distinct keys remembered: enough for the repeats, bounded for a column of unique values. */
const MEMO_SIZE = 256;

function memoised(key: (i: number) => unknown, make: (i: number) => string): (i: number) => string {
  const memo = new Map<unknown, string>();
  return (i) => {
    const k = key(i);
    let text = memo.get(k);
    if (text === undefined) {
      text = make(i);
      if (memo.size < MEMO_SIZE) memo.set(k, text);
    }
    return text;
  };
}
