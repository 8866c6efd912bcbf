import { Worker } from 'node:worker_threads';

/** A worker's entry is not run through tsx by `--import`: it registers tsx, then loads the TypeScript entry. */
export function startWorker(file: string, data: Record<string, unknown>): Worker {
  const entry = new URL(file, import.meta.url).href;
  return new Worker(
    `import('tsx/esm/api').then(({ register }) => { register(); return import(${JSON.stringify(entry)}); });`,
    {
      eval: true,
      workerData: data,
      execArgv: ['--conditions=passerelle-source'],
    },
  );
}
