// Drives the generated completion scripts in the real shells, as a user's Tab would, and returns
// the candidates each shell would offer. The built pvectl is on PATH (a shim in binDir).
import { spawn } from 'node:child_process';
import { chmodSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from '../../helpers/sim.js';

export interface ShellRun {
  code: number;
  stdout: string;
  stderr: string;
}

/** Async (the simulator answers from this process, so a blocking spawn would deadlock it). */
export function shell(cmd: string, args: string[], env: Record<string, string>, timeoutMs = 30_000): Promise<ShellRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (s: string) => (stdout += s));
    child.stderr.setEncoding('utf8').on('data', (s: string) => (stderr += s));
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`${cmd} ${args.join(' ')} did not finish\n${stdout}\n${stderr}`));
    }, timeoutMs);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code: code ?? -1, stdout, stderr });
    });
  });
}

export const hasShell = (name: string): Promise<boolean> =>
  shell('sh', ['-c', `command -v ${name}`], { PATH: process.env.PATH ?? '/usr/bin:/bin' }).then((r) => r.code === 0);

/** A `pvectl` on PATH that runs the built CLI with this node. */
export function installShim(binDir: string): void {
  mkdirSync(binDir, { recursive: true });
  const shim = join(binDir, 'pvectl');
  writeFileSync(shim, `#!/bin/sh\nexec '${process.execPath}' '${join(repoRoot, 'bin/pvectl.js')}' "$@"\n`);
  chmodSync(shim, 0o755);
}

// Several lines go through one shell session (one shell start instead of one per line, as a user
// pressing Tab on several lines in one terminal); each line's candidates end with this marker.
const END = '--end-of-candidates--';

/** 30 s for a session of one or two lines (as before batching), 8 s more for each further line */
const limit = (lines: string[]) => 30_000 + 8_000 * Math.max(0, lines.length - 2);

function splitBatches(stdout: string, count: number, what: string): string[][] {
  const parts = stdout.split(`${END}\n`);
  if (parts.length !== count + 1 || parts[count] !== '')
    throw new Error(`${what}: expected ${count} answers:\n${stdout}`);
  return parts.slice(0, count).map((p) => p.split('\n').filter(Boolean).sort());
}

// bash: the line as readline would hand it over (COMP_WORDS split at = like COMP_WORDBREAKS does),
// then the function that `complete -p pvectl` names.
const BASH = `source "$1"
shift
spec=$(complete -p pvectl) fn=\${spec#*-F } fn=\${fn%% *}
for line; do
  COMP_LINE=$line COMP_POINT=\${#line} COMPREPLY=()
  read -ra COMP_WORDS <<<"\${line//=/ = }"
  [[ $line == *' ' ]] && COMP_WORDS+=('')
  COMP_CWORD=$((\${#COMP_WORDS[@]} - 1))
  "$fn" pvectl "\${COMP_WORDS[COMP_CWORD]}" "\${COMP_WORDS[COMP_CWORD-1]}"
  (( \${#COMPREPLY[@]} )) && printf '%s\\n' "\${COMPREPLY[@]}"
  printf '%s\\n' '${END}'
done
exit 0
`;

/** The candidates bash offers after each line (sorted), in one bash process. */
export async function bashCandidates(
  script: string,
  lines: string[],
  env: Record<string, string>,
): Promise<string[][]> {
  const r = await shell('bash', ['--norc', '--noprofile', '-c', BASH, 'bash', script, ...lines], env, limit(lines));
  if (r.code !== 0 || r.stderr) throw new Error(`bash failed (${r.code}): ${r.stderr}`);
  return splitBatches(r.stdout, lines.length, 'bash');
}

/** The candidates fish offers after each line (sorted, without descriptions), in one fish process. */
export async function fishCandidates(
  script: string,
  lines: string[],
  env: Record<string, string>,
): Promise<string[][]> {
  const each = lines.map((line) => `complete -C '${line}'; echo -- '${END}'`).join('; ');
  const r = await shell('fish', ['--no-config', '-c', `source ${script}; ${each}`], env, limit(lines));
  if (r.code !== 0 || r.stderr) throw new Error(`fish failed (${r.code}): ${r.stderr}`);
  return splitBatches(r.stdout.replace(/\t[^\n]*/g, ''), lines.length, 'fish');
}

const HARNESS = join(repoRoot, 'test/e2e/completion/zpty-tab.zsh');

/** What an interactive zsh lists on Tab after each line (each must have several candidates). */
export async function zshCandidates(
  setup: string,
  script: string,
  lines: string[],
  env: Record<string, string>,
): Promise<string[][]> {
  const r = await shell('zsh', ['-f', HARNESS, setup, script, ...lines], env, limit(lines));
  if (r.code !== 0) throw new Error(`zsh harness failed (${r.code}): ${r.stderr}\n${r.stdout}`);
  const screens = r.stdout.split(`${END}\n`);
  if (screens.length !== lines.length + 1) throw new Error(`zsh: expected ${lines.length} screens:\n${r.stdout}`);
  return lines.map((line, i) => zshListing(screens[i]!, line));
}

function zshListing(screen: string, line: string): string[] {
  // the terminal's text without escape sequences, bells and carriage returns
  // eslint-disable-next-line no-control-regex
  const text = screen
    .replace(/\x1b\[[0-9;?]*[A-Za-z]/g, '')
    .replace(/[\r\x07]|.\x08/g, '')
    .replace(/\x08/g, '');
  // after the typed line: what Tab inserted, a new line, the listing, then the line redrawn
  const start = text.indexOf(line);
  const listed = start < 0 ? -1 : text.indexOf('\n', start + line.length);
  const end = listed < 0 ? -1 : text.indexOf(line.trimEnd(), listed);
  if (end < 0) throw new Error(`no completion listing in:\n${text}`);
  return text
    .slice(listed + 1, end)
    .split(/\s+/)
    .filter(Boolean)
    .sort();
}
