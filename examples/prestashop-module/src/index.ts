/**
 * @module
 * The PrestaShop example module: what `npm run module:prestashop` runs, as functions tests and other
 * examples can call.
 */
export { DEFAULTS, type PrestashopModuleConfig, readPrestashopConfig } from './config.js';
export {
  type RunningPrestashopModule,
  ShopUnreachableError,
  type StartOptions,
  startPrestashopModule,
} from './start.js';
