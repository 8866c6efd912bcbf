import { join } from 'node:path';
import { withDotenv } from '@passerelle/core';
import { CloudRunError, runCloud } from './cloud-run.js';

/** `npm run demo:cloud`: the ERP side of the demo, against the module `npm start` runs. */
async function main(): Promise<void> {
  const env = withDotenv(process.env, join(process.cwd(), '.env'));
  const password = env.PASSERELLE_PASSWORD?.trim();
  if (!password) {
    console.error(
      'PASSERELLE_PASSWORD is not set: export the endpoint password `npm start` printed, e.g.\n' +
        '  PASSERELLE_PASSWORD=<password> npm run demo:cloud',
    );
    process.exitCode = 1;
    return;
  }
  const baseUrl = env.PASSERELLE_URL?.trim() || 'http://127.0.0.1:8787/passerelle/v1';
  try {
    await runCloud({
      baseUrl,
      password,
      print: (line) => console.log(line),
      progress: process.stderr.isTTY
        ? process.stderr
        : { isTTY: false, write: (text: string) => process.stdout.write(text) },
    });
  } catch (error) {
    console.error(
      error instanceof CloudRunError
        ? error.message
        : `The cloud run failed: ${error instanceof Error ? error.message : String(error)}`,
    );
    process.exitCode = 1;
  }
}

await main();
