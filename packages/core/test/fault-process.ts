import { type ChildProcess, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/** The repository root, where `--conditions=passerelle-source` and tsx resolve the sources. */
export const REPO_ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const SCRIPT = fileURLToPath(new URL('./fault-module-process.ts', import.meta.url));

export interface ModuleProcess {
  child: ChildProcess;
  url: string;
  /** Resolves with the line once the process prints one starting with `prefix`. */
  waitFor(prefix: string, timeoutMs?: number): Promise<string>;
  /** SIGKILL, then wait for the exit: what a crash or an OOM killer does. */
  kill(): Promise<void>;
  /** SIGTERM: a clean stop that closes the store. */
  stop(): Promise<void>;
  stderr(): string;
}

/** Starts `fault-module-process.ts` and resolves once it prints `READY <url>`. */
export async function startModuleProcess(
  env: Record<string, string>,
  options: { uid?: number; gid?: number; nodeArgs?: string[]; onLine?: (line: string) => void } = {},
): Promise<ModuleProcess> {
  const { nodeArgs = [], onLine, ...ids } = options;
  const child = spawn(process.execPath, [...nodeArgs, '--conditions=passerelle-source', '--import', 'tsx', SCRIPT], {
    cwd: REPO_ROOT,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
    ...ids,
  });
  const lines: string[] = [];
  const waiters: { prefix: string; resolve: (line: string) => void }[] = [];
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (chunk: Buffer) => {
    stdout += chunk.toString();
    let newline = stdout.indexOf('\n');
    while (newline !== -1) {
      const line = stdout.slice(0, newline);
      stdout = stdout.slice(newline + 1);
      lines.push(line);
      onLine?.(line);
      for (const waiter of waiters.filter((candidate) => line.startsWith(candidate.prefix))) {
        waiters.splice(waiters.indexOf(waiter), 1);
        waiter.resolve(line);
      }
      newline = stdout.indexOf('\n');
    }
  });
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));

  const waitFor = (prefix: string, timeoutMs = 20_000) =>
    new Promise<string>((resolve, reject) => {
      const seen = lines.find((line) => line.startsWith(prefix));
      if (seen !== undefined) return resolve(seen);
      const timer = setTimeout(
        () => reject(new Error(`no "${prefix}" line within ${timeoutMs} ms; stderr: ${stderr}`)),
        timeoutMs,
      );
      const done = (line: string) => {
        clearTimeout(timer);
        resolve(line);
      };
      waiters.push({ prefix, resolve: done });
      void exited.then(() => {
        clearTimeout(timer);
        reject(new Error(`the module process exited before "${prefix}"; stderr: ${stderr}`));
      });
    });

  const ready = await waitFor('READY ');
  return {
    child,
    url: ready.slice('READY '.length).trim(),
    waitFor,
    async kill() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
      await exited;
    },
    async stop() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      await exited;
    },
    stderr: () => stderr,
  };
}
