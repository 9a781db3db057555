/**
 * Progress on standard error: a bar redrawn in place on a terminal, else a plain line at most
 * every `everyMs` (a log file or CI gets lines, not carriage returns).
 */
export function progressLine(stream: NodeJS.WriteStream, label: string, everyMs = 2_000) {
  const started = Date.now();
  let shownAt = 0;
  return {
    show(done: number, total: number, final = false): void {
      const now = Date.now();
      if (!final && now - shownAt < (stream.isTTY ? 100 : everyMs)) return;
      shownAt = now;
      const share = total === 0 ? 1 : done / total;
      const rate = Math.round(done / Math.max((now - started) / 1000, 0.001));
      const figures = `${done}/${total} ${label} ${(share * 100).toFixed(0)}% ${rate} ${label}/s`;
      if (stream.isTTY) {
        const width = 30;
        const filled = Math.round(share * width);
        stream.write(`\r[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${figures}${final ? '\n' : ''}`);
      } else stream.write(`[jejak] import: ${figures}\n`);
    },
  };
}
