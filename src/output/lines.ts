// Lines of text from the cluster printed as they are, one a line (task logs): each shown safe.
import { safeLine } from './safe-text.js';

export function renderLines(lines: string[], indent = ''): string {
  let out = '';
  for (const line of lines) out += `${indent}${safeLine(line)}\n`;
  return out;
}
