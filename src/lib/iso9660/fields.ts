// Byte-level fields of ISO 9660 (ECMA-119): numbers recorded in both byte orders, padded
// identifiers, and the two date forms. Kept apart from the layout so each is easy to check.

export const SECTOR = 2048;

/** ECMA-119 7.3.3: a 32-bit number little-endian then big-endian (8 bytes). */
export function both32(buf: Buffer, at: number, n: number): void {
  buf.writeUInt32LE(n, at);
  buf.writeUInt32BE(n, at + 4);
}

/** ECMA-119 7.2.3: a 16-bit number little-endian then big-endian (4 bytes). */
export function both16(buf: Buffer, at: number, n: number): void {
  buf.writeUInt16LE(n, at);
  buf.writeUInt16BE(n, at + 2);
}

/** A text field padded with spaces: one byte a character, or UCS-2 big-endian for Joliet. */
export function padded(buf: Buffer, at: number, length: number, text: string, ucs2: boolean): void {
  const field = ucs2 ? ucs2be(text.padEnd(length / 2, ' ')) : Buffer.from(text.padEnd(length, ' '), 'latin1');
  field.copy(buf, at, 0, length);
}

export function ucs2be(text: string): Buffer {
  const out = Buffer.alloc(text.length * 2);
  for (let i = 0; i < text.length; i++) out.writeUInt16BE(text.charCodeAt(i), i * 2);
  return out;
}

/** ECMA-119 9.1.5: seven bytes (years since 1900 … seconds, GMT offset 0) in directory records. */
export function recordDate(buf: Buffer, at: number, d: Date): void {
  const parts = [d.getUTCFullYear() - 1900, d.getUTCMonth() + 1, d.getUTCDate()];
  parts.push(d.getUTCHours(), d.getUTCMinutes(), d.getUTCSeconds(), 0);
  Buffer.from(parts).copy(buf, at);
}

/** ECMA-119 8.4.26.1: 16 ASCII digits (to hundredths) and a GMT offset byte, in descriptors. */
export function descriptorDate(buf: Buffer, at: number, d: Date | null): void {
  if (d === null) {
    // "not specified": all digits zero and offset zero
    buf.write('0'.repeat(16), at, 'latin1');
    buf[at + 16] = 0;
    return;
  }
  const two = (n: number): string => String(n).padStart(2, '0');
  const text =
    String(d.getUTCFullYear()).padStart(4, '0') +
    two(d.getUTCMonth() + 1) +
    two(d.getUTCDate()) +
    two(d.getUTCHours()) +
    two(d.getUTCMinutes()) +
    two(d.getUTCSeconds()) +
    '00';
  buf.write(text, at, 'latin1');
  buf[at + 16] = 0;
}
