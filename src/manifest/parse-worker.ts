import { parentPort, workerData } from 'node:worker_threads';
import { parseManifestFile } from './parse-manifest-file.js';
import type { ManifestText } from './load-system.js';

const entries = workerData as readonly ManifestText[];
parentPort?.postMessage(entries.map(({ file, text }) => parseManifestFile(file, text)));
