// The termproxy wire protocol, as the xterm.js client speaks it to proxmox-termproxy
// (proxmox/pve-xtermjs termproxy/src/main.rs: `read_ticket_line`, `process_queue`, `remove_number`).
// First line from the client: `USER:TICKET\n`; the proxy answers `OK`. Then the client sends
// `0:LEN:DATA` (LEN bytes of input), `1:COLS:ROWS:` (resize) and `2` (ping, ignored); anything
// else is skipped a byte at a time. The proxy sends the terminal's output raw, unframed.

export type ClientMessage =
  { kind: 'data'; data: Buffer } | { kind: 'resize'; cols: number; rows: number } | { kind: 'ping' };

/** Splits the client's byte stream into messages; keeps an incomplete one for the next chunk. */
export class FrameReader {
  private buf = Buffer.alloc(0);
  private pendingData = 0; // bytes of a data message still to come (main.rs reads them as they arrive)

  push(chunk: Buffer): ClientMessage[] {
    this.buf = Buffer.concat([this.buf, chunk]);
    const out: ClientMessage[] = [];
    for (;;) {
      if (this.pendingData > 0) {
        if (this.buf.length === 0) return out;
        const n = Math.min(this.pendingData, this.buf.length);
        out.push({ kind: 'data', data: this.buf.subarray(0, n) });
        this.buf = this.buf.subarray(n);
        this.pendingData -= n;
        continue;
      }
      if (this.buf.length < 2) return out;
      const type = this.buf[0]! - 0x30;
      if (type === 0) {
        const len = this.numberAt(2);
        if (len === undefined) return out;
        this.buf = this.buf.subarray(len.end);
        this.pendingData = len.value;
      } else if (type === 1) {
        const cols = this.numberAt(2);
        const rows = cols && this.numberAt(cols.end);
        if (!cols || !rows) return out;
        this.buf = this.buf.subarray(rows.end);
        out.push({ kind: 'resize', cols: cols.value, rows: rows.value });
      } else {
        if (type === 2) out.push({ kind: 'ping' });
        this.buf = this.buf.subarray(1);
      }
    }
  }

  // `remove_number`: digits up to the next ':'
  private numberAt(from: number): { value: number; end: number } | undefined {
    const colon = this.buf.indexOf(0x3a, from);
    if (colon < 0) return undefined;
    const text = this.buf.subarray(from, colon).toString('latin1');
    return { value: /^\d+$/.test(text) ? Number(text) : 0, end: colon + 1 };
  }
}

/** The first line, `USER:TICKET\n` (`read_ticket_line`); undefined until the newline is there. */
export function ticketLine(buf: Buffer): { authid: string; ticket: string; rest: Buffer } | null | undefined {
  const nl = buf.indexOf(0x0a);
  if (nl < 0) return undefined;
  const line = buf.subarray(0, nl).toString('utf8');
  const colon = line.indexOf(':');
  if (colon < 0) return null; // "authentication data is invalid"
  return { authid: line.slice(0, colon), ticket: line.slice(colon + 1), rest: buf.subarray(nl + 1) };
}
