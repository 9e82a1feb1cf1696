import { writeFileAtomic } from '../util/write-file-atomic.js';

/** Where a command's output goes: a file (written atomically) or standard output. */
export async function emit(text: string, output: string | undefined): Promise<void> {
  if (output !== undefined) {
    await writeFileAtomic(output, text);
    return;
  }
  await new Promise<void>((resolve, reject) =>
    process.stdout.write(text, (error) => (error && (error as NodeJS.ErrnoException).code !== 'EPIPE' ? reject(error) : resolve())),
  );
}

/** True when standard output is a terminal that wants colour (honours NO_COLOR and FORCE_COLOR). */
export function wantsColor(): boolean {
  if (process.env.NO_COLOR !== undefined && process.env.NO_COLOR !== '') return false;
  if (process.env.FORCE_COLOR !== undefined && process.env.FORCE_COLOR !== '0') return true;
  return process.stdout.isTTY === true;
}
