import { mkdir, open } from 'node:fs/promises';
import path from 'node:path';
import type { TrainingData } from '../../learn/learner.js';
import type { FoldSplit } from './folds.js';

/** Where one fold's data was written for an external trainer. */
export interface FoldFiles {
  readonly train: string;
  readonly validation: string;
}

/** A CSV field: quoted when it holds a comma, quote, line break or leading/trailing space. */
function csvField(text: string): string {
  return /[",\r\n]|^\s|\s$/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** Rows per write: large enough to be fast, small enough to keep memory flat. */
const CHUNK_ROWS = 8192;

async function writeRows(file: string, data: TrainingData, targetName: string, rows: Uint32Array): Promise<void> {
  const handle = await open(file, 'w');
  try {
    const header = [...data.columns.map((column) => column.name), targetName].map(csvField).join(',');
    let chunk = `${header}\n`;
    const cells: string[] = new Array<string>(data.columns.length + 1);
    for (let i = 0; i < rows.length; i += 1) {
      const row = rows[i];
      data.columns.forEach((column, c) => {
        if (column.kind === 'numeric') {
          const value = column.values[row];
          cells[c] = Number.isNaN(value) ? '' : String(value);
        } else {
          const code = column.codes[row];
          cells[c] = code < 0 ? '' : csvField(column.categories[code]);
        }
      });
      cells[data.columns.length] = String(data.target[row]);
      chunk += `${cells.join(',')}\n`;
      if ((i + 1) % CHUNK_ROWS === 0) {
        await handle.write(chunk);
        chunk = '';
      }
    }
    await handle.write(chunk);
  } finally {
    await handle.close();
  }
}

/**
 * Writes each fold's training and validation rows once, as CSV files `fold-<k>/train.csv` and
 * `fold-<k>/validation.csv` under `dir`: every feature column (categories by their text, missing
 * values empty) and the target last (0/1 for binary targets).
 *
 * @example
 * const files = await writeFoldFiles('/tmp/paydown-lofo-x', data, 'clicked', split);
 */
export async function writeFoldFiles(dir: string, data: TrainingData, targetName: string, split: FoldSplit): Promise<FoldFiles[]> {
  const files: FoldFiles[] = [];
  for (let fold = 0; fold < split.k; fold += 1) {
    const foldDir = path.join(dir, `fold-${fold}`);
    await mkdir(foldDir, { recursive: true });
    const entry = { train: path.join(foldDir, 'train.csv'), validation: path.join(foldDir, 'validation.csv') };
    await writeRows(entry.train, data, targetName, split.training[fold]);
    await writeRows(entry.validation, data, targetName, split.validation[fold]);
    files.push(entry);
  }
  return files;
}
