// What commands hand to the printer: rows are the JSON objects of the contract (raw units),
// columns say how a table shows them. One printer renders every -o format.

export type ColumnKind =
  | 'text'
  | 'number'
  | 'bytes' // raw bytes → "1.0 GiB"
  | 'duration' // seconds → "3d 4h"
  | 'fraction' // 0..1 → "12%"
  | 'status' // coloured on a TTY
  | 'tags' // string[] → "a,b"
  | 'time' // epoch seconds → local date-time
  | 'list' // string[] → "a, b"
  | 'boolean'; // true/false → "yes"/"no" (tsv keeps true/false)

export interface Column<T = Record<string, unknown>> {
  /** name for --columns (lower-case, e.g. "vmid", "maxmem") */
  id: string;
  /** table header (upper-case, e.g. "MEMORY") */
  header: string;
  value(row: T): unknown;
  /**
   * The table cell, when the command can make it faster than the printer: exactly what
   * humanCell(kind, value(row)) gives (human units, escaped, redacted). vm list's, from raw entries.
   */
  text?(row: T): string;
  kind?: ColumnKind;
  /** shown only with -o wide (or when picked with --columns) */
  wide?: boolean;
  /** shown only when picked with --columns */
  hidden?: boolean;
  align?: 'left' | 'right';
  /** never cut short to fit a terminal: an id users copy into the next command (a UPID) */
  whole?: boolean;
}

export interface ListView<T = Record<string, unknown>> {
  rows: T[];
  columns: Column<T>[];
  /** the value printed by -o id (default: row.vmid) */
  id?(row: T): string | number;
  /** the object printed by json/yaml (default: the row itself) */
  json?(row: T): unknown;
  /** said on stderr (terminal only) when there are no rows, e.g. "No VMs found."; in a show section: "none" */
  empty?: string;
}

export interface ObjectView<T = Record<string, unknown>> {
  value: T;
  /** key/value lines for table output, in order; json/yaml print `json(value)` or value */
  fields: Column<T>[];
  json?(value: T): unknown;
  /** the value printed by -o id (default: value.vmid) */
  id?(value: T): string | number;
  /** extra tables under the fields on table output, e.g. IPs, pending changes, snapshots */
  sections?: { title: string; view: ListView<any> }[];
}
