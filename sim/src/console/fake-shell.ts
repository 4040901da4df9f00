// The program behind a simulated console: a login shell that echoes each line it is given, as a
// terminal in cooked mode would (typed bytes echoed, Enter as CR LF). `exit`, `logout` or Ctrl-D on
// an empty line end it; `stty size` prints the size the client last set (its `1:COLS:ROWS:`).

export interface ShellIo {
  write(text: string): void;
  end(): void;
}

export class FakeShell {
  private line = '';
  private ended = false;
  cols = 80;
  rows = 24;

  constructor(
    private readonly io: ShellIo,
    private readonly promptText: string,
  ) {}

  start(banner: string): void {
    this.io.write(`${banner}${this.promptText}`);
  }

  input(data: Buffer): void {
    for (const ch of data.toString('utf8')) {
      if (this.ended) return;
      this.key(ch);
    }
  }

  private key(ch: string): void {
    if (ch === '\r' || ch === '\n') {
      this.io.write('\r\n');
      return this.run(this.line.trim());
    }
    if (ch === '\x7f' || ch === '\b') {
      if (this.line.length > 0) this.io.write('\b \b');
      this.line = this.line.slice(0, -1);
    } else if (ch === '\x03') {
      this.line = '';
      this.io.write(`^C\r\n${this.promptText}`);
    } else if (ch === '\x04') {
      if (this.line === '') this.logout();
    } else if (ch >= ' ') {
      this.line += ch;
      this.io.write(ch);
    }
  }

  private run(cmd: string): void {
    this.line = '';
    if (cmd === 'exit' || cmd === 'logout') return this.logout();
    if (cmd === 'stty size') this.io.write(`${this.rows} ${this.cols}\r\n`);
    else if (cmd !== '') this.io.write(`${cmd}\r\n`);
    this.io.write(this.promptText);
  }

  private logout(): void {
    this.ended = true;
    this.io.write('logout\r\n');
    this.io.end();
  }
}
