/**
 * @module
 * What a module's `main.ts` needs to start like the examples (DESIGN §8): read `PASSERELLE_*` and
 * `.env`, open the SQLite store, ensure an endpoint password and print it once, listen, start the
 * jobs, print the banner, stop on SIGINT/SIGTERM. See `README.md` beside this file.
 */
export {
  bannerRow,
  capabilityLines,
  curlCommands,
  reachableUrl,
  shownPasswordLines,
} from './banner.js';
export { parseDotenv, withDotenv } from './dotenv.js';
export { type EndpointPassword, ensureEndpointPassword } from './endpoint-password.js';
export {
  type EnvSource,
  envError,
  envValue,
  MODULE_ENV_DEFAULTS,
  type ModuleEnv,
  type ModuleEnvOptions,
  readModuleEnv,
  requireEnvUrl,
  requireEnvValue,
} from './module-env.js';
export { type RunUntilSignalOptions, runUntilSignal, type SignalHost, type Stoppable } from './run-until-signal.js';
export { applySettingsFile } from './settings-file.js';
export {
  type ModuleBase,
  type ModuleSetup,
  type StartConfig,
  type StartedModule,
  type StartOptions,
  startModule,
} from './start-module.js';
export { PortInUseError, StartupError } from './startup-errors.js';
export { stderrLogger } from './stderr-logger.js';
