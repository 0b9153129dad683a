/**
 * Node only: many files validated over worker threads, as the HL7 validator's `-threads`. Each worker loads the
 * definitions once (R4, Parcours, and the `definitions` given, e.g. loadPackages' packages), then takes files in
 * small batches as it finishes the previous ones; results come back in the order of the files, whatever the order
 * in which the workers finish, so the report is the same with 1 thread or 8.
 * See https://hl7.org/fhir/R4/validation.html
 */
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { ExtraDefinitions } from './definitions.ts';
import { joinResults } from './files.ts';
import type { FileResults } from './files.ts';
import type { ValidateOptions } from './validator.ts';

export interface ThreadOptions extends ValidateOptions {
  /** Worker threads (default: the machine's available parallelism), at most one per file. */
  threads?: number;
  /** Registered on top of R4 and Parcours in every worker (a `register()` in this thread does not reach them). */
  definitions?: ExtraDefinitions[];
  /** Called as files are done (a progress bar): files done, files in all. */
  onProgress?: (done: number, total: number) => void;
}

/** What a worker is given to start: the options of every validation and the definitions to register. */
export interface WorkerSetup {
  options: ValidateOptions;
  definitions: ExtraDefinitions[];
}

/** Main thread to worker: files to do (their index in the list and their path), or nothing more to do. */
export type WorkerTask = { files: [number, string][] } | { done: true };
/** Worker to main thread: each file's results, by index; or the error that stopped the worker. */
export type WorkerReply = { results: [number, FileResults][] } | { error: string };

const WORKER = new URL(`./thread-worker${import.meta.url.endsWith('.ts') ? '.ts' : '.js'}`, import.meta.url);

/**
 * Validates files (JSON, NDJSON; not standard input) over worker threads; the same results, in the same order, as
 * checkFiles in one thread. Rejects when a worker cannot start or fails.
 */
export async function validateFilesInThreads(files: readonly string[], options: ThreadOptions = {}): Promise<FileResults> {
  const { threads = availableParallelism(), definitions = [], onProgress, ...validateOptions } = options;
  const count = Math.max(1, Math.min(Math.floor(threads), files.length));
  const byFile: (FileResults | undefined)[] = new Array<FileResults | undefined>(files.length);
  let next = 0;
  let done = 0;
  // Small batches keep the workers busy to the end; larger ones early cut the messages.
  const batch = (): [number, string][] => {
    const size = Math.max(1, Math.min(64, Math.ceil((files.length - next) / (count * 4))));
    const out: [number, string][] = [];
    for (; out.length < size && next < files.length; next++) out.push([next, files[next] as string]);
    return out;
  };
  const setup: WorkerSetup = { options: validateOptions, definitions };
  const workers: Worker[] = [];
  try {
    await Promise.all(
      Array.from({ length: count }, () => {
        const worker = new Worker(WORKER, { workerData: setup });
        workers.push(worker);
        return new Promise<void>((resolve, reject) => {
          const give = (): void => {
            const files = batch();
            worker.postMessage((files.length ? { files } : { done: true }) satisfies WorkerTask);
            if (!files.length) resolve();
          };
          worker.on('message', (reply: WorkerReply) => {
            if ('error' in reply) return reject(new Error(`A validation thread failed: ${reply.error}`));
            for (const [index, result] of reply.results) byFile[index] = result;
            done += reply.results.length;
            onProgress?.(done, files.length);
            give();
          });
          worker.on('error', reject);
          worker.on('exit', (code) => {
            if (code !== 0) reject(new Error(`A validation thread stopped with exit code ${code}`));
          });
          give();
        });
      }),
    );
  } finally {
    await Promise.all(workers.map((w) => w.terminate()));
  }
  return joinResults(byFile);
}
