// Fails when a source line is longer than 120 characters (prettier wraps code, not strings or
// comments): lists each one as file:line (length).
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

const LIMIT = 120;
const ROOTS = ['src', 'test', 'bench', 'scripts', 'bin', 'sim'];
const EXT = /\.(ts|mts|mjs|js|cjs)$/;

function* files(dir) {
  let entries;
  try {
    entries = readdirSync(dir);
  } catch {
    return;
  }
  for (const name of entries) {
    if (name === 'node_modules' || name === 'dist') continue;
    const path = join(dir, name);
    if (statSync(path).isDirectory()) yield* files(path);
    else if (EXT.test(name)) yield path;
  }
}

const long = [];
for (const root of ROOTS) {
  for (const file of files(root)) {
    readFileSync(file, 'utf8')
      .split('\n')
      .forEach((line, i) => {
        if (line.length > LIMIT) long.push(`${file}:${i + 1} (${line.length})`);
      });
  }
}
if (long.length > 0) {
  console.error(`${long.length} line(s) longer than ${LIMIT} characters:\n  ${long.join('\n  ')}`);
  process.exit(1);
}
console.log(`no line longer than ${LIMIT} characters`);
