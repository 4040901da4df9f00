// Questions on the terminal: prompts go to stderr, answers come from stdin (a TTY).
import { createInterface } from 'node:readline';
import type { IO } from '../context.js';
import { UsageError } from '../errors.js';

export async function confirm(io: IO, question: string): Promise<boolean> {
  if (!io.stdinTTY) throw new UsageError(`${question} — cannot ask without a terminal; pass --yes to confirm`);
  const answer = await ask(io, `${question} [y/N] `, false);
  return /^y(es)?$/i.test(answer.trim());
}

export async function secret(io: IO, question: string): Promise<string> {
  if (!io.stdinTTY) throw new UsageError(`${question} — cannot prompt without a terminal`);
  const answer = await ask(io, question, true);
  io.stderr.write('\n');
  return answer;
}

function ask(io: IO, prompt: string, muted: boolean): Promise<string> {
  return new Promise((resolve) => {
    const output = io.stderr as NodeJS.WritableStream;
    const rl = createInterface({ input: io.stdin, output, terminal: true });
    if (muted) {
      // echo nothing of what is typed; readline writes through _writeToOutput
      (rl as unknown as { _writeToOutput: (s: string) => void })._writeToOutput = (s: string) => {
        if (s.startsWith(prompt)) output.write(prompt);
      };
    }
    rl.question(prompt, (answer) => {
      rl.close();
      resolve(answer);
    });
  });
}
