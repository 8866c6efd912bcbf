/** Where progress is drawn: stderr when it is a terminal, plain lines otherwise. */
export interface ProgressStream {
  isTTY?: boolean;
  write(text: string): unknown;
}

export interface Progress {
  /** `done` of `total` (null while the total is unknown), with what is happening now. */
  update(done: number, detail?: string): void;
  /** Ends the bar with a final line. */
  finish(message: string): void;
}

const WIDTH = 24;

function bar(done: number, total: number | null): string {
  if (total === null || total <= 0) return `[${'.'.repeat(WIDTH)}]`;
  const filled = Math.min(WIDTH, Math.round((done / total) * WIDTH));
  return `[${'#'.repeat(filled)}${'-'.repeat(WIDTH - filled)}]`;
}

/**
 * A hand-written progress bar: redrawn in place on a terminal, one plain line per step when the
 * output is a file or a pipe (CI logs stay readable, no escape codes).
 */
export function createProgress(label: string, total: number | null, stream: ProgressStream): Progress {
  const tty = stream.isTTY === true;
  let lastLine = '';
  const render = (done: number, detail: string | undefined) => {
    const count = total === null ? `${done}` : `${done}/${total}`;
    return `${label.padEnd(10)} ${bar(done, total)} ${count}${detail ? `  ${detail}` : ''}`;
  };
  return {
    update(done, detail) {
      const line = render(done, detail);
      if (tty) {
        // Pad over the previous line, which may have been longer.
        stream.write(`\r${line.padEnd(lastLine.length)}`);
      } else {
        stream.write(`${line}\n`);
      }
      lastLine = line;
    },
    finish(message) {
      if (tty) stream.write(`\r${' '.repeat(lastLine.length)}\r`);
      stream.write(`${label.padEnd(10)} ${message}\n`);
    },
  };
}
