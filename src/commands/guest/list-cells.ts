// vm list's table cells, made from the raw entry (the RawGuest cursor) with as little work per
// cell as each column allows: 5,000 guests make 45,000 cells in a process too short-lived for V8 to
// optimise much (issue 13). Each is exactly what the printer would make of the column's value,
// humanCell(kind, value) (test/commands/list-fast-path.test.ts compares every column).
import type { Guest } from '../../api/guests.js';
import { humanCell } from '../../output/humanize.js';
import type { Column } from '../../output/types.js';
import type { RawGuest } from './raw-guest.js';

/** The cell text of a guest column, for the cursor's entry. */
export function guestCellText(column: Column<Guest>): (g: RawGuest) => string {
  const kind = column.kind ?? 'text';
  switch (column.id) {
    // a VMID is a finite number (rawVmid), unique per row: nothing to remember
    case 'vmid':
      return (g) => String(g.vmid);
    // unique, or nearly, per row: made each time
    case 'name':
    case 'cpu':
    case 'mem':
      return (g) => humanCell(kind, column.value(g));
    case 'uptime':
      return uptimeText();
    // a few values, repeated: each made once, looked up by the entry's own field (the tags: their
    // text, before splitting; numbers as they came)
    case 'tags':
      return memoised(
        (g) => g.entry.tags,
        (g) => humanCell(kind, g.tags),
      );
    case 'cpus':
      return memoised(
        (g) => g.entry.maxcpu,
        (g) => humanCell(kind, g.cpus),
      );
    default:
      return memoised(column.value, (g) => humanCell(kind, column.value(g)));
  }
}

/**
 * Uptimes differ in seconds, but their text ("26d 16h", formatDuration) only in hours beyond a day,
 * in minutes beyond an hour: each text is made once for the span it stands for, keyed by the uptime
 * cut to that span (which stays in the same range, so the same text). 5,000 uptimes made ~20,000
 * short-lived strings.
 */
function uptimeText(): (g: RawGuest) => string {
  const memo = new Map<number, string>();
  return (g) => {
    const v = g.uptime;
    if (v === null || !(v >= 1)) return humanCell('duration', v);
    const whole = Math.floor(v);
    const key = whole >= 86_400 ? whole - (whole % 3600) : whole >= 3600 ? whole - (whole % 60) : whole;
    let text = memo.get(key);
    if (text === undefined) {
      text = humanCell('duration', v);
      if (memo.size < 4 * MEMO_SIZE) memo.set(key, text);
    }
    return text;
  };
}

/** Distinct keys remembered: enough for the repeats, bounded for a column of unique values. */
const MEMO_SIZE = 256;

function memoised(key: (g: RawGuest) => unknown, make: (g: RawGuest) => string): (g: RawGuest) => string {
  const memo = new Map<unknown, string>();
  return (g) => {
    const k = key(g);
    let text = memo.get(k);
    if (text === undefined) {
      text = make(g);
      if (memo.size < MEMO_SIZE) memo.set(k, text);
    }
    return text;
  };
}
