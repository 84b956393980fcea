import type { ApiRequest, ApiResponse, ApiVersion } from './api-types.js';

export type Handler = (req: ApiRequest) => ApiResponse | Promise<ApiResponse>;

export interface Route {
  method: string;
  version: ApiVersion;
  /** Path template as in the OpenAPI file, e.g. '/deals/{id}'. */
  template: string;
  handler: Handler;
}

interface CompiledRoute extends Route {
  segments: string[];
}

export interface RouteMatch {
  route: Route;
  params: Record<string, string>;
}

/** Matches method + version + path against templates; literal segments win over `{param}` ones. */
export class Router {
  private readonly routes: CompiledRoute[] = [];

  add(route: Route): void {
    this.routes.push({ ...route, segments: route.template.split('/').filter(Boolean) });
    // Literal segments first so '/deals/archived' beats '/deals/{id}'.
    this.routes.sort((a, b) => specificity(b) - specificity(a));
  }

  match(method: string, version: ApiVersion, path: string): RouteMatch | 'method-not-allowed' | undefined {
    const parts = path.split('/').filter(Boolean);
    let pathMatched = false;
    for (const route of this.routes) {
      if (route.version !== version || route.segments.length !== parts.length) continue;
      const params: Record<string, string> = {};
      let matched = true;
      for (let i = 0; i < parts.length; i += 1) {
        const seg = route.segments[i] as string;
        const part = parts[i] as string;
        if (seg.startsWith('{')) params[seg.slice(1, -1)] = decodeURIComponent(part);
        else if (seg !== part) {
          matched = false;
          break;
        }
      }
      if (!matched) continue;
      pathMatched = true;
      if (route.method === method) return { route, params };
    }
    return pathMatched ? 'method-not-allowed' : undefined;
  }

  list(): readonly Route[] {
    return this.routes;
  }
}

function specificity(route: CompiledRoute): number {
  return route.segments.reduce((n, s, i) => n + (s.startsWith('{') ? 0 : 2 ** (10 - i)), 0);
}
