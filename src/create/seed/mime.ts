// The MIME multi-part archive cloud-init reads (as its `make-mime` helper writes it), and the
// reading of one the user gives, so that its parts join pvectl's instead of nesting it.
import { createHash } from 'node:crypto';
import { UsageError } from '../../errors.js';

export interface MimePart {
  type: string;
  filename?: string;
  body: string;
  /** the part's own headers, kept as given (a user's archive) */
  headers?: string[];
}

export function mimeArchive(parts: MimePart[]): string {
  // deterministic: the boundary comes from the content, and cannot occur in it
  const all = parts.map((p) => p.body).join('\n');
  let boundary = `===============pvectl-${createHash('sha256').update(all).digest('hex').slice(0, 20)}==`;
  while (all.includes(boundary)) boundary += '=';
  const lines = [`Content-Type: multipart/mixed; boundary="${boundary}"`, 'MIME-Version: 1.0', ''];
  for (const p of parts) {
    lines.push(`--${boundary}`);
    if (p.headers) lines.push(...p.headers);
    else lines.push(...partHeaders(p));
    lines.push('', p.body);
  }
  lines.push(`--${boundary}--`, '');
  return lines.join('\n');
}

function partHeaders(p: MimePart): string[] {
  const ascii = /^[\x09\x0a\x0d\x20-\x7e]*$/.test(p.body);
  const h = [`Content-Type: ${p.type}; charset="${ascii ? 'us-ascii' : 'utf-8'}"`, 'MIME-Version: 1.0'];
  h.push(`Content-Transfer-Encoding: ${ascii ? '7bit' : '8bit'}`);
  if (p.filename) h.push(`Content-Disposition: attachment; filename="${p.filename}"`);
  return h;
}

/** The parts of a multipart/mixed archive, each with its headers as written. */
export function splitMultipart(text: string, source: string): MimePart[] {
  const norm = text.replace(/\r\n/g, '\n');
  const headEnd = norm.indexOf('\n\n');
  const head = headEnd < 0 ? norm : norm.slice(0, headEnd);
  const m = /boundary="?([^";\n]+)"?/i.exec(head.replace(/\n[ \t]+/g, ' '));
  if (!m?.[1]) throw new UsageError(`${source}: a MIME multipart without a boundary parameter`);
  const sep = `--${m[1]}`;
  const chunks = norm.slice(headEnd + 2).split(new RegExp(`^${escapeRe(sep)}(?:--)?[ \\t]*$`, 'm'));
  const parts: MimePart[] = [];
  for (const chunk of chunks.slice(1)) {
    const body = chunk.replace(/^\n/, '');
    if (body.trim() === '') continue;
    const split = body.indexOf('\n\n');
    const headers = (split < 0 ? body : body.slice(0, split)).split('\n').filter((l) => l !== '');
    const type = /^content-type:\s*([^;\s]+)/im.exec(headers.join('\n'))?.[1] ?? 'text/plain';
    parts.push({ type, headers, body: split < 0 ? '' : body.slice(split + 2) });
  }
  if (parts.length === 0) throw new UsageError(`${source}: a MIME multipart with no parts`);
  return parts;
}

function escapeRe(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
