import { rename, writeFile, rm } from 'node:fs/promises';

/**
 * Writes a file through a temporary sibling and a rename, so readers see the old content or the
 * new one, never a half-written file.
 *
 * @example
 * await writeFileAtomic('report.html', html);
 */
export async function writeFileAtomic(file: string, content: string | Uint8Array): Promise<void> {
  const temporary = `${file}.${process.pid}.${Date.now()}.tmp`;
  try {
    await writeFile(temporary, content);
    await rename(temporary, file);
  } catch (error) {
    await rm(temporary, { force: true });
    throw error;
  }
}
