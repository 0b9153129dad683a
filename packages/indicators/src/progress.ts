// A progress bar on stderr for long runs (only on a terminal: pipes and logs get one line per measure instead).
export interface Progress {
  update(label: string, done: number, total: number, fetched: number): void;
  line(text: string): void;
  end(): void;
}

export function progressBar(stream: NodeJS.WriteStream = process.stderr): Progress {
  const tty = stream.isTTY === true;
  let last = 0;
  return {
    update(label, done, total, fetched) {
      if (!tty || Date.now() - last < 100) return;
      last = Date.now();
      const width = 24;
      const filled = Math.round((done / Math.max(total, 1)) * width);
      stream.write(`\r[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${done}/${total} ${label.slice(0, 40).padEnd(40)} ${fetched} ressources`);
    },
    line(text) {
      if (tty) stream.write('\r\u001b[2K');
      stream.write(`${text}\n`);
    },
    end() {
      if (tty) stream.write('\r\u001b[2K');
    },
  };
}
