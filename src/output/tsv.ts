// Tab-separated values for scripts: raw values (see rawCell), a header row of column ids
// unless --no-headers, one line per row.

export function renderTsv(headers: string[] | null, rows: string[][]): string {
  let out = headers ? `${headers.join('\t')}\n` : '';
  for (const row of rows) out += `${row.join('\t')}\n`;
  return out;
}
