// Turns what conf throws about config.json into an error that names the file and the fault.
// Never quotes the file's text: V8's JSON messages do, and the file holds token secrets.
import { readFileSync } from 'node:fs';
import { PvectlError } from '../errors.js';
import { REGION_KEYS } from './schema.js';
import type { ConfigData } from './store.js';

class ConfigSyntaxError extends Error {}

/** conf's `deserialize`: JSON.parse, failing with a position instead of a quote. */
export function parseConfigJson(text: string): ConfigData {
  try {
    return JSON.parse(text) as ConfigData;
  } catch {
    if (text.trim() === '') throw new ConfigSyntaxError('the file is empty');
    const at = syntaxErrorOffset(text);
    if (at >= text.length) throw new ConfigSyntaxError('the file ends too early');
    const lines = text.slice(0, at).split('\n');
    throw new ConfigSyntaxError(`at line ${lines.length}, column ${lines.at(-1)!.length + 1}`);
  }
}

/** Offset of the first character that cannot continue valid JSON (the longest viable prefix). */
function syntaxErrorOffset(text: string): number {
  const viable = (n: number): boolean => {
    try {
      JSON.parse(text.slice(0, n));
      return true;
    } catch (err) {
      const msg = err instanceof Error ? err.message : '';
      if (/end of JSON input|Unterminated string/.test(msg)) return true;
      const pos = /position (\d+)/.exec(msg);
      return pos ? Number(pos[1]) >= n : false;
    }
  };
  let lo = 0;
  let hi = text.length;
  while (lo < hi) {
    const mid = Math.ceil((lo + hi) / 2);
    if (viable(mid)) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

export function configError(file: string, err: unknown, op: 'read' | 'write' = 'read'): PvectlError {
  if (err instanceof PvectlError) return err;
  const hint =
    `Fix the file, or move it away (mv ${file} ${file}.bak) and add your regions again with 'pvectl region ` + `add'.`;
  if (err instanceof ConfigSyntaxError) {
    return new PvectlError(`Config file ${file} is not valid JSON: ${err.message}.`, { hint });
  }
  const message = err instanceof Error ? err.message : String(err);
  const violation = /^Config schema violation: (.*)$/s.exec(message);
  if (violation) {
    const what = describeViolation(violation[1]!, file, op);
    // On write the fault is in what we were about to save, and nothing was written.
    if (op === 'write') return new PvectlError(`Refusing to write ${file}: ${what}.`);
    return new PvectlError(`Config file ${file} is invalid: ${what}.`, { hint });
  }
  const code = (err as NodeJS.ErrnoException).code;
  return new PvectlError(`Cannot ${op} config file ${file}: ${code ?? message}.`, {
    hint: 'Check the permissions of the file and its directory, or set PVECTL_CONFIG_DIR.',
    cause: err,
  });
}

/** ajv says `regions/a` "must NOT have additional properties"; name the keys it means. */
function describeViolation(ajvText: string, file: string, op: 'read' | 'write'): string {
  const parts = ajvText
    .split('; ')
    .map((part) =>
      part.replace(/^`([^`]*)`/, (_m, p: string) => (p === '' ? 'the top level' : p.replaceAll('/', '.'))),
    );
  if (op === 'read' && ajvText.includes('additional properties')) {
    const unknown = unknownRegionKeys(file);
    if (unknown.length > 0) parts.push(`unknown key ${unknown.join(', ')}`);
  }
  return [...new Set(parts)].join('; ');
}

function unknownRegionKeys(file: string): string[] {
  try {
    const data = parseConfigJson(readFileSync(file, 'utf8'));
    return Object.entries(data.regions ?? {}).flatMap(([name, entry]) =>
      Object.keys(entry ?? {})
        .filter((k) => !REGION_KEYS.includes(k))
        .map((k) => `regions.${name}.${k}`),
    );
  } catch {
    return [];
  }
}
