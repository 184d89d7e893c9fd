import { type SimRoute } from './types';

export interface CompiledRoute {
  route: SimRoute;
  method: string;
  name: string;
  segments: string[];
}

export interface RouteMatch {
  route: CompiledRoute;
  params: Record<string, string>;
}

function split(path: string): string[] {
  // Keep a trailing empty segment, so "/device/1/app/" and "/device/1/app" stay different (Django style).
  return path.split('/').slice(1);
}

export function compileRoutes(routes: readonly SimRoute[]): CompiledRoute[] {
  return routes.map((route) => {
    if (!route.path.startsWith('/'))
      throw new Error(`route path must start with "/": ${route.path}`);
    return {
      route,
      method: (route.method ?? 'GET').toUpperCase(),
      name: route.name ?? route.path,
      segments: split(route.path),
    };
  });
}

function matchSegments(pattern: string[], actual: string[]): Record<string, string> | undefined {
  if (pattern.length !== actual.length) return undefined;
  const params: Record<string, string> = {};
  for (let i = 0; i < pattern.length; i++) {
    const p = pattern[i] as string;
    const a = actual[i] as string;
    if (p.startsWith(':') && p.length > 1) {
      if (a === '') return undefined;
      try {
        params[p.slice(1)] = decodeURIComponent(a);
      } catch {
        return undefined;
      }
    } else if (p !== a) {
      return undefined;
    }
  }
  return params;
}

/** First route whose method and path match; a path match with another method is reported for a 405. */
export function matchRoute(
  routes: readonly CompiledRoute[],
  method: string,
  path: string,
): RouteMatch | { methodNotAllowed: true } | undefined {
  const actual = split(path);
  let pathMatched = false;
  for (const route of routes) {
    const params = matchSegments(route.segments, actual);
    if (!params) continue;
    if (route.method === method.toUpperCase()) return { route, params };
    pathMatched = true;
  }
  return pathMatched ? { methodNotAllowed: true } : undefined;
}
