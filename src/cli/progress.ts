import type { OutputSink } from './types.js';

/**
 * A one-line progress display on stderr for long scans. It draws only on a terminal,
 * at most ten times a second, and erases itself when done so it never mixes with the report.
 */
export class Progress {
  private files = 0;
  private bytes = 0;
  private lastDraw = 0;
  private drawn = false;
  private readonly started = Date.now();

  constructor(
    private readonly sink: OutputSink,
    private readonly enabled: boolean,
  ) {}

  tick(bytes: number): void {
    this.files++;
    this.bytes += bytes;
    if (!this.enabled) return;
    const now = Date.now();
    if (now - this.lastDraw < 100 || now - this.started < 300) return;
    this.lastDraw = now;
    const seconds = (now - this.started) / 1000;
    const mb = this.bytes / 1e6;
    const rate = seconds > 0 ? mb / seconds : 0;
    const width = 24;
    const phase = Math.floor(now / 120) % (width * 2);
    const pos = phase < width ? phase : width * 2 - phase - 1;
    const bar = `${' '.repeat(pos)}██${' '.repeat(Math.max(0, width - pos - 2))}`.slice(0, width);
    this.sink.write(`\r\x1b[2K[${bar}] ${this.files} files, ${mb.toFixed(1)} MB, ${rate.toFixed(0)} MB/s`);
    this.drawn = true;
  }

  done(): void {
    if (this.drawn) this.sink.write('\r\x1b[2K');
    this.drawn = false;
  }
}
