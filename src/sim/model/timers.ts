// Every timer the simulator arms goes through here so close() can clear them all.

export class Timers {
  private readonly live = new Set<ReturnType<typeof setTimeout>>();
  private closed = false;

  after(ms: number, fn: () => void): ReturnType<typeof setTimeout> | undefined {
    if (this.closed) return undefined;
    const t = setTimeout(
      () => {
        this.live.delete(t);
        fn();
      },
      Math.max(0, ms),
    );
    this.live.add(t);
    return t;
  }

  cancel(t: ReturnType<typeof setTimeout> | undefined): void {
    if (t === undefined) return;
    clearTimeout(t);
    this.live.delete(t);
  }

  clear(): void {
    this.closed = true;
    for (const t of this.live) clearTimeout(t);
    this.live.clear();
  }
}
