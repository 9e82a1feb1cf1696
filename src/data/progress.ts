/**
 * Runs a long step and, when it takes over a second and standard error is a terminal, shows
 * what is being done on standard error (erased when the step ends).
 *
 * @example
 * const rows = await withProgress('profiling clicks.parquet', () => session.query(sql));
 */
export async function withProgress<T>(label: string, work: () => Promise<T>): Promise<T> {
  if (process.stderr.isTTY !== true) return work();
  const started = Date.now();
  let shown = false;
  const timer = setInterval(() => {
    shown = true;
    process.stderr.write(`\r${label}... ${Math.round((Date.now() - started) / 1000)}s`);
  }, 1000);
  try {
    return await work();
  } finally {
    clearInterval(timer);
    if (shown) process.stderr.write('\r\x1b[K');
  }
}
