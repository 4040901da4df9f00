// pvectl and pvesim are two packages in one repository (npm workspaces): neither one's source
// imports the other's, and every bare import is a package its own package.json declares, so each
// bundle is built from its own side only and each tarball can ship without runtime dependencies.
import { readFileSync, readdirSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot } from '../helpers/sim.js';

interface Import {
  file: string;
  spec: string;
}

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? sources(join(dir, e.name)) : /\.(ts|mjs|js)$/.test(e.name) ? [join(dir, e.name)] : [],
  );
}

/** Static imports, re-exports and dynamic import() with a literal specifier. */
export function importsOf(text: string): string[] {
  const patterns = [
    /^\s*(?:import|export)\s[^;]*?\sfrom\s*['"]([^'"]+)['"]/gm,
    /^\s*import\s*['"]([^'"]+)['"]/gm,
    /\bimport\s*\(\s*['"]([^'"]+)['"]/g,
  ];
  return patterns.flatMap((p) => [...text.matchAll(p)].map((m) => m[1] as string));
}

function importsUnder(dir: string): Import[] {
  return sources(join(repoRoot, dir)).flatMap((file) =>
    importsOf(readFileSync(file, 'utf8')).map((spec) => ({ file, spec })),
  );
}

/** Relative imports that resolve outside `dir`. */
function leaving(dir: string, imports: Import[]): string[] {
  const base = join(repoRoot, dir);
  return imports
    .filter((i) => i.spec.startsWith('.') && relative(base, resolve(dirname(i.file), i.spec)).startsWith('..'))
    .map((i) => `${relative(repoRoot, i.file)}: ${i.spec}`);
}

/** Bare imports that are neither node built-ins nor declared by the package.json in `pkgDir`. */
function undeclared(pkgDir: string, imports: Import[]): string[] {
  const pkg = JSON.parse(readFileSync(join(repoRoot, pkgDir, 'package.json'), 'utf8'));
  const declared = new Set(Object.keys({ ...pkg.dependencies, ...pkg.devDependencies }));
  const name = (spec: string) =>
    spec
      .split('/')
      .slice(0, spec.startsWith('@') ? 2 : 1)
      .join('/');
  return imports
    .filter((i) => !i.spec.startsWith('.') && !i.spec.startsWith('node:') && !declared.has(name(i.spec)))
    .map((i) => `${relative(repoRoot, i.file)}: ${i.spec}`);
}

describe('pvectl (src/) and pvesim (sim/src/) stay apart', () => {
  const cli = importsUnder('src');
  const sim = importsUnder('sim/src');

  it('reads the imports it checks (the scan sees what it looks for)', () => {
    expect(cli.length).toBeGreaterThan(100);
    expect(sim.length).toBeGreaterThan(100);
    expect(importsOf("import a from './a.js';\nexport { b } from \"../b.js\";\nawait import('x');")).toEqual([
      './a.js',
      '../b.js',
      'x',
    ]);
    expect(leaving('src', [{ file: join(repoRoot, 'src/main.ts'), spec: '../sim/src/index.js' }])).toHaveLength(1);
  });

  it('pvectl imports nothing of pvesim, by path or by name', () => {
    expect(leaving('src', cli)).toEqual([]);
    expect(cli.filter((i) => i.spec === 'pvesim' || i.spec.startsWith('pvesim/'))).toEqual([]);
  });

  it('pvesim imports nothing of pvectl, by path or by name', () => {
    expect(leaving('sim/src', sim)).toEqual([]);
    expect(sim.filter((i) => i.spec === 'pvectl' || i.spec.startsWith('pvectl/'))).toEqual([]);
  });

  it('each side imports only packages its own package.json declares', () => {
    expect(undeclared('.', cli)).toEqual([]);
    expect(undeclared('sim', sim)).toEqual([]);
  });

  it('neither package has runtime dependencies: esbuild bundles them', () => {
    for (const dir of ['.', 'sim']) {
      const pkg = JSON.parse(readFileSync(join(repoRoot, dir, 'package.json'), 'utf8'));
      expect({ dir, dependencies: pkg.dependencies ?? {} }).toEqual({ dir, dependencies: {} });
    }
  });
});
