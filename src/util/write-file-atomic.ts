import { stat, rename, writeFile, rm } from 'node:fs/promises';

/**
 * Writes a file through a temporary sibling and a rename, so readers see the old content or the
 * new one, never a half-written file. A target that exists and is not a regular file (a device
 * such as `/dev/null` or `/dev/stdout`, a named pipe) is written in place instead: renaming over
 * it would replace the device with a plain file.
 *
 * @example
 * await writeFileAtomic('report.html', html);
 */
export async function writeFileAtomic(file: string, content: string | Uint8Array): Promise<void> {
  const existing = await stat(file).catch(() => undefined);
  if (existing !== undefined && !existing.isFile()) {
    await writeFile(file, content);
    return;
  }
  const temporary = `${file}.${process.pid}.${Date.now()}.tmp`;
  try {
    await writeFile(temporary, content);
    await rename(temporary, file);
  } catch (error) {
    await rm(temporary, { force: true });
    throw error;
  }
}
