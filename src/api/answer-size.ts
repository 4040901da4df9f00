// How much of one answer pvectl holds. /cluster/resources is the largest answer we read: ~330
// bytes a guest (pvesim's 5,000 guests: 1.6 MB), so 100,000 guests are ~33 MB. 64 MiB leaves
// room for that twice over while a hostile or broken server (a 1 MB gzip body that inflates to
// 1 GiB) is cut off after 64 MiB instead of taking gigabytes. PVECTL_MAX_ANSWER_SIZE raises it.
import { PvectlError } from '../errors.js';
import { parseSize } from '../lib/sizes.js';

export const DEFAULT_MAX_ANSWER_BYTES = 64 * 1024 ** 2;
export const MAX_ANSWER_ENV = 'PVECTL_MAX_ANSWER_SIZE';

/** The limit from the environment ("256M", "1G"; plain numbers are MiB), else the default. */
export function maxAnswerBytes(env: Record<string, string | undefined>): number {
  const value = env[MAX_ANSWER_ENV]?.trim();
  return value ? parseSize(value, 'M', MAX_ANSWER_ENV) : DEFAULT_MAX_ANSWER_BYTES;
}

/** Not a NetworkError: asking again would only fetch the same oversized answer. */
export class AnswerTooLargeError extends PvectlError {
  constructor(what: string, origin: string, limit: number) {
    super(`${what}: the answer from ${origin} is larger than ${mib(limit)} (decompressed); pvectl stopped reading it`, {
      hint:
        `A real cluster's answers stay well below that. If this one is genuine, ` +
        `allow more with ${MAX_ANSWER_ENV}=${mib(limit * 4).replace(' MiB', 'M')}.`,
    });
  }
}

/** The server said gzip and sent something else. */
export class UndecodableAnswerError extends PvectlError {}

function mib(bytes: number): string {
  return `${Number((bytes / 1024 ** 2).toFixed(1))} MiB`;
}
