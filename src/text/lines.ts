/** Offset ↔ (line, column) for one text; 1-based lines and columns, as diagnostics print them. */
export interface Position1 {
  line: number;
  col: number;
}

export class LineIndex {
  private readonly starts: number[];

  constructor(readonly text: string) {
    this.starts = [0];
    for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) this.starts.push(i + 1);
  }

  get lineCount(): number {
    return this.starts.length;
  }

  /** 0-based LSP position (dockerfile-ast ranges) to a string offset. */
  offsetOf(line0: number, character: number): number {
    const start = this.starts[Math.min(line0, this.starts.length - 1)] ?? 0;
    return Math.min(start + character, this.text.length);
  }

  position(offset: number): Position1 {
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if ((this.starts[mid] ?? 0) <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, col: offset - (this.starts[lo] ?? 0) + 1 };
  }

  lineStart(offset: number): number {
    return this.starts[this.position(offset).line - 1] ?? 0;
  }

  /** Offset just past the newline that ends the line holding `offset` (or the text's end). */
  lineEndInclusive(offset: number): number {
    const nl = this.text.indexOf('\n', offset);
    return nl < 0 ? this.text.length : nl + 1;
  }
}
