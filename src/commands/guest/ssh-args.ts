// Where the user's extra `ssh` arguments go: options (and their values) before the destination,
// the rest — the remote command — after it, as OpenSSH's own getopt reads its command line.

// options of ssh(1) that take a value (the "BbcDEeFIiJLlmOoPpQRSWw" of its getopt string)
const WITH_VALUE = new Set('BbcDEeFIiJLlmOoPpQRSWw'.split(''));

export function sshCommandLine(destination: string, extra: string[]): string[] {
  const options: string[] = [];
  let i = 0;
  while (i < extra.length) {
    const arg = extra[i]!;
    if (arg === '--') {
      i++;
      break;
    }
    if (!arg.startsWith('-') || arg === '-') break;
    options.push(arg);
    i++;
    // "-p 2222": the value is the next word; "-p2222" and "-vvv" carry it (or need none)
    const letter = arg.at(-1) ?? '';
    if (arg.length === 2 && WITH_VALUE.has(letter) && i < extra.length) options.push(extra[i++]!);
  }
  return [...options, destination, ...extra.slice(i)];
}
