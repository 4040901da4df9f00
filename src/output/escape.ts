// Text from the cluster is data: a guest description or an error message may hold terminal
// control sequences (window title, clear screen, OSC 52 clipboard writes). Everything printed
// outside json/yaml goes through here, so the terminal shows `\x1b` instead of obeying it.

// C0 controls, DEL, C1 controls (a terminal may take U+009B as CSI), line and paragraph
// separators, and the bidi overrides/isolates that make text read differently than it is stored.
const CONTROLS = /[\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;
const CONTROLS_BUT_NEWLINE = /[\x00-\x09\x0b-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

function code(ch: string): string {
  const n = ch.charCodeAt(0);
  return n < 0x100 ? `\\x${n.toString(16).padStart(2, '0')}` : `\\u${n.toString(16).padStart(4, '0')}`;
}

/** One line of text: every control character, newlines included, shown as `\xNN` / `\uNNNN`. */
export function escapeControls(text: string): string {
  CONTROLS.lastIndex = 0;
  return CONTROLS.test(text) ? text.replace(CONTROLS, code) : text;
}

/** A message that may span lines: as escapeControls, but `\n` stays a line break. */
export function escapeControlsKeepLines(text: string): string {
  CONTROLS_BUT_NEWLINE.lastIndex = 0;
  return CONTROLS_BUT_NEWLINE.test(text) ? text.replace(CONTROLS_BUT_NEWLINE, code) : text;
}
