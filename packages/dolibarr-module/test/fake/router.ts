import type { FakeContext } from './context.js';

export interface RouteInput {
  context: FakeContext;
  params: Record<string, string>;
  query: URLSearchParams;
  /** The parsed JSON body, `{}` when there is none. */
  body: Record<string, unknown>;
}

export interface Route {
  method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  /** `/products/{id}/variants`; `{name}` matches one path segment. */
  path: string;
  run(input: RouteInput): unknown;
}

export interface CompiledRoute extends Route {
  pattern: RegExp;
  names: string[];
}

export function compile(routes: Route[]): CompiledRoute[] {
  return routes.map((route) => {
    const names: string[] = [];
    const source = route.path.replace(/\{(\w+)\}/g, (_match, name: string) => {
      names.push(name);
      return '([^/]+)';
    });
    return { ...route, pattern: new RegExp(`^${source}$`), names };
  });
}

export function numberParam(value: string | undefined): number {
  const number = Number(value);
  return Number.isInteger(number) ? number : Number.NaN;
}

export function text(value: unknown): string | null {
  if (value === undefined || value === null) return null;
  return String(value);
}
