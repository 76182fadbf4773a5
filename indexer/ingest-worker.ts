import { parentPort, workerData } from 'node:worker_threads';
import { useTaxonomy } from '../scoring/taxonomy/active.ts';
import { loadTaxonomy } from '../scoring/taxonomy/load.ts';
import { analyseLines, type LineItem } from './ingest-analysis.ts';

export interface IngestWorkerData {
  cprKey: Uint8Array;
  taxonomyDirs: string[];
}

export type IngestRequest = { id: number; file: string; lines: LineItem[] };

const port = parentPort!;
const data = workerData as IngestWorkerData;
try {
  // Module state is per thread: the taxonomy the analysis uses is loaded here, from the same directories.
  useTaxonomy(loadTaxonomy({ dirs: data.taxonomyDirs }));
  const cprKey = Buffer.from(data.cprKey);
  port.on('message', ({ id, file, lines }: IngestRequest) => {
    try {
      port.postMessage({ id, outcomes: analyseLines(file, lines, cprKey) });
    } catch (error) {
      port.postMessage({ id, error: (error as Error).message });
    }
  });
  port.postMessage({ ready: true });
} catch (error) {
  port.postMessage({ fatal: (error as Error).message });
}
