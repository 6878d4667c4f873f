/** Maps string offsets to 1-based line and column, building the line table only when first asked. */
export class LineIndex {
  private starts: Int32Array | undefined;
  constructor(private readonly text: string) {}

  private table(): Int32Array {
    if (this.starts) return this.starts;
    const offsets: number[] = [0];
    let i = this.text.indexOf('\n');
    while (i >= 0) {
      offsets.push(i + 1);
      i = this.text.indexOf('\n', i + 1);
    }
    this.starts = Int32Array.from(offsets);
    return this.starts;
  }

  position(offset: number): { line: number; column: number } {
    const starts = this.table();
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if ((starts[mid] ?? 0) <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, column: offset - (starts[lo] ?? 0) + 1 };
  }

  lineText(line: number): string {
    const starts = this.table();
    const start = starts[line - 1];
    if (start === undefined) return '';
    const next = starts[line];
    return this.text.slice(start, next === undefined ? this.text.length : next - 1);
  }
}
