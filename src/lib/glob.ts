// Shell-style name patterns for --name: "*" is any run of characters, "?" exactly one; every
// other character stands for itself; matching is case-sensitive and covers the whole name.

export function globToRegExp(glob: string): RegExp {
  let source = '';
  for (const ch of glob) {
    if (ch === '*') source += '.*';
    else if (ch === '?') source += '.';
    else source += ch.replace(/[\\^$.|+()[\]{}]/g, '\\$&');
  }
  return new RegExp(`^${source}$`, 's');
}

export function globMatcher(glob: string): (name: string) => boolean {
  const re = globToRegExp(glob);
  return (name) => re.test(name);
}
