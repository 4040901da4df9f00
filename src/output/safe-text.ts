// What every printer outside json/yaml applies to text it did not write itself: secrets masked,
// control characters escaped (see escape.ts and redact.ts).
import { escapeControls, escapeControlsKeepLines } from './escape.js';
import { redact } from './redact.js';

/** One line (a cell, a progress line, a log line). */
export function safeLine(text: string): string {
  return escapeControls(redact(text));
}

/** A message whose own line breaks are kept (errors, hints, warnings). */
export function safeMessage(text: string): string {
  return escapeControlsKeepLines(redact(text));
}
