import { createModule, type PasserelleModule } from '../module.js';
import { createMemoryStore } from '../state/index.js';
import type { MakeConformanceSubject, ModuleConformanceOptions } from './conformance.types.js';
import { CONFORMANCE_PASSWORD, type EndpointAnswer, type ModuleCheckContext } from './module-check-context.js';
import { moduleChecks } from './module-checks.js';
import { type OpenedContext, registerChecks } from './register-checks.js';

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** The bridge's settings with the check's own changes on top, section by section. */
export function mergeSettings(base: Record<string, unknown>, patch: Record<string, unknown>): Record<string, unknown> {
  const merged: Record<string, unknown> = { ...base };
  for (const [key, value] of Object.entries(patch)) {
    const current = merged[key];
    merged[key] = isPlainObject(current) && isPlainObject(value) ? mergeSettings(current, value) : value;
  }
  return merged;
}

async function parseAnswer(response: Response): Promise<EndpointAnswer> {
  const text = await response.text();
  let body: unknown = text;
  try {
    body = text === '' ? null : JSON.parse(text);
  } catch {
    // A non-JSON answer stays text, so the assertion message shows it.
  }
  return { status: response.status, contentType: response.headers.get('content-type'), body };
}

/** Builds the context of one module check: a fresh subject, a fresh memory store, one module made on demand. */
export async function openModuleContext(
  makeSubject: MakeConformanceSubject,
  options: ModuleConformanceOptions = {},
): Promise<OpenedContext<ModuleCheckContext>> {
  const subject = await makeSubject();
  let module: PasserelleModule | null = null;

  const context: ModuleCheckContext = {
    subject,
    adapter: subject.adapter,
    fixtures: subject.fixtures,
    async module(settings = {}) {
      if (module) return module;
      module = await createModule({
        adapter: subject.adapter,
        store: createMemoryStore(),
        settings: mergeSettings(options.settings ?? {}, settings),
        ...(options.settingsSchema ? { settingsSchema: options.settingsSchema } : {}),
      });
      await module.settings.setPassword(CONFORMANCE_PASSWORD, 'test');
      return module;
    },
    async call(method, path, callOptions = {}) {
      const current = await context.module();
      const headers = new Headers({ accept: 'application/json' });
      const authorization =
        callOptions.authorization === undefined ? `Bearer ${CONFORMANCE_PASSWORD}` : callOptions.authorization;
      if (authorization !== null) headers.set('authorization', authorization);
      if (callOptions.body !== undefined) headers.set('content-type', 'application/json');
      const request = new Request(`http://conformance.invalid${current.basePath}${path}`, {
        method,
        headers,
        ...(callOptions.body !== undefined ? { body: JSON.stringify(callOptions.body) } : {}),
      });
      return parseAnswer(await current.fetch(request));
    },
  };

  return {
    context,
    close: async () => {
      // The module closes the adapter; the subject's cleanup then tears the fake down.
      const opened = module as PasserelleModule | null;
      if (opened) await opened.close();
      await subject.cleanup?.();
    },
  };
}

/**
 * The module-level suite: core's module (memory store) over the bridge's adapter, driven through
 * `module.fetch` with the endpoint password set. It proves what the adapter suite cannot: the transfer queue,
 * acknowledgements and resets (core's, kept in the store), the update toggles, and one result per batch item.
 */
export function runModuleConformance(
  name: string,
  makeSubject: MakeConformanceSubject,
  options: ModuleConformanceOptions = {},
): void {
  registerChecks(`module conformance: ${name}`, moduleChecks, options.skip ?? {}, () =>
    openModuleContext(makeSubject, options),
  );
}
