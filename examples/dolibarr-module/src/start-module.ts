import {
  bannerRow,
  capabilityLines,
  curlCommands,
  PlatformError,
  type StartedModule,
  type StartOptions,
  StartupError,
  shownPasswordLines,
  startModule,
} from '@passerelle/core';
import { createDolibarrModule, type DolibarrModule } from '@passerelle/dolibarr-module';
import { type DolibarrModuleConfig, readDolibarrModuleConfig } from './config.js';

export interface StartDolibarrModuleOptions extends StartOptions {
  /** `fetch` for the Dolibarr calls (tests). */
  fetch?: typeof globalThis.fetch;
}

/** Who the API key logs in as, and what Dolibarr says of itself. */
export interface DolibarrCheck {
  login: string;
  description: Awaited<ReturnType<DolibarrModule['adapter']['describe']>>;
}

/** The running module: `url`, `port`, `config`, `module`, `store`, the `shownPassword` (printed once) and `stop()`. */
export type RunningDolibarrModule = StartedModule<DolibarrModuleConfig, DolibarrModule, DolibarrCheck>;

/** Dolibarr could not be reached, or refused the key: said plainly, the process exits 1. */
export class DolibarrUnavailableError extends StartupError {}

/** Says why Dolibarr did not answer, in the words an admin needs (never the key). */
export function explainDolibarrFailure(error: unknown, url: string): string {
  if (error instanceof PlatformError) {
    if (error.status === 401)
      return `Dolibarr at ${url} refused the API key (401): check DOLIBARR_API_KEY on the user card, and that the user is active.`;
    if (error.status === 403)
      return `Dolibarr at ${url} answered 403: the API user lacks a right (see the README for the rights needed).`;
    if (error.status === 404)
      return `Dolibarr at ${url} has no REST API there (404): enable the module "API REST (Web services)" and check DOLIBARR_URL.`;
    if (error.status === 0) return `Dolibarr at ${url} cannot be reached: ${error.message}`;
    return `Dolibarr at ${url} answered an error: ${error.message}`;
  }
  return `Dolibarr at ${url} cannot be reached: ${error instanceof Error ? error.message : String(error)}`;
}

function banner(started: RunningDolibarrModule): string[] {
  const { config, url, shownPassword } = started;
  const { login, description } = started.checked;
  const [read, write] = capabilityLines(started.module.capabilities);
  return [
    '',
    'Passerelle Dolibarr module is running',
    bannerRow('Endpoint', url),
    bannerRow(
      'Platform',
      `dolibarr ${description.platformVersion ?? '(version unknown)'} at ${config.dolibarrUrl} (API ${description.apiVersion ?? 'n/a'}), user ${login}${config.entity ? `, entity ${config.entity}` : ''}`,
    ),
    bannerRow('Capabilities', read),
    bannerRow('', write),
    bannerRow('Module state', config.dbPath),
    ...(shownPassword
      ? shownPasswordLines(shownPassword)
      : [`  Endpoint password fingerprint ${started.fingerprint ?? 'unknown'}`]),
    '',
    'Try it:',
    ...curlCommands(url, ['/info'], shownPassword).map((line) => `  ${line}`),
  ];
}

/**
 * What `npm run module:dolibarr` does (DESIGN §8), as a function tests can call: read the
 * configuration, create the module over SQLite, check Dolibarr answers with the key, make sure the
 * endpoint has a password, listen, start the jobs, and print how to call it.
 * @throws ValidationError naming the variable at fault; DolibarrUnavailableError
 */
export function startDolibarrModule(options: StartDolibarrModuleOptions): Promise<RunningDolibarrModule> {
  return startModule(options, {
    readConfig: readDolibarrModuleConfig,
    create: (base, config) =>
      createDolibarrModule({
        ...base,
        dolibarr: {
          url: config.dolibarrUrl,
          apiKey: config.apiKey,
          entity: config.entity,
          ...(options.fetch ? { fetch: options.fetch } : {}),
        },
      }),
    check: async (module, config) => {
      let login: string;
      try {
        login = (await module.adapter.client.whoami()).login;
      } catch (error) {
        throw new DolibarrUnavailableError(explainDolibarrFailure(error, config.dolibarrUrl));
      }
      return { login, description: await module.adapter.describe() };
    },
    firstSweep: false,
    banner,
  });
}
