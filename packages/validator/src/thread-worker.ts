/**
 * One validation thread of threads.ts: loads the definitions once, then validates the files it is sent and
 * replies with their results, until told there is nothing more to do.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { checkFile } from './files.ts';
import { register, validate } from './index.ts';
import type { FileResults } from './files.ts';
import type { WorkerReply, WorkerSetup, WorkerTask } from './threads.ts';

const setup = workerData as WorkerSetup;
for (const definitions of setup.definitions) register(definitions);
const judge = (value: unknown): ReturnType<typeof validate> => validate(value, setup.options);

parentPort?.on('message', (task: WorkerTask) => {
  if ('done' in task) {
    parentPort?.close();
    return;
  }
  try {
    const results = task.files.map(([index, file]): [number, FileResults] => [index, checkFile(file, judge)]);
    parentPort?.postMessage({ results } satisfies WorkerReply);
  } catch (err) {
    parentPort?.postMessage({ error: err instanceof Error ? err.message : String(err) } satisfies WorkerReply);
  }
});
