import type { IncomingMessage, ServerResponse } from 'node:http';
import { HttpError } from './json';

export type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export interface RouteContext {
  req: IncomingMessage;
  res: ServerResponse;
  url: URL;
  /** Named path segments, e.g. `{ id }` for `/api/rooms/:id`. */
  params: Record<string, string>;
}

export type RouteHandler = (context: RouteContext) => void | Promise<void>;

interface Route {
  method: Method;
  segments: string[];
  handler: RouteHandler;
}

/**
 * A minimal router: exact segments and `:name` parameters, no wildcards. A path that matches
 * with another method answers 405 with an `Allow` header; no match answers 404.
 */
export class Router {
  private readonly routes: Route[] = [];

  add(method: Method, pattern: string, handler: RouteHandler): this {
    this.routes.push({ method, segments: split(pattern), handler });
    return this;
  }

  get(pattern: string, handler: RouteHandler): this {
    return this.add('GET', pattern, handler);
  }

  post(pattern: string, handler: RouteHandler): this {
    return this.add('POST', pattern, handler);
  }

  /** Runs the matching route, or throws a 404/405 HttpError. */
  async handle(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
    const path = split(url.pathname);
    const allowed = new Set<string>();
    for (const route of this.routes) {
      const params = match(route.segments, path);
      if (!params) continue;
      const method = req.method === 'HEAD' ? 'GET' : req.method;
      if (route.method !== method) {
        allowed.add(route.method);
        continue;
      }
      await route.handler({ req, res, url, params });
      return;
    }
    if (allowed.size > 0) {
      throw new HttpError(405, `Method ${req.method ?? ''} is not allowed here.`, undefined, {
        Allow: [...allowed].join(', '),
      });
    }
    throw new HttpError(404, `No such endpoint: ${url.pathname}`);
  }
}

const split = (path: string): string[] => path.split('/').filter((segment) => segment.length > 0);

function match(pattern: string[], path: string[]): Record<string, string> | undefined {
  if (pattern.length !== path.length) return undefined;
  const params: Record<string, string> = {};
  for (let i = 0; i < pattern.length; i++) {
    const expected = pattern[i] as string;
    const actual = path[i] as string;
    if (expected.startsWith(':')) {
      let value: string;
      try {
        value = decodeURIComponent(actual);
      } catch {
        return undefined;
      }
      params[expected.slice(1)] = value;
    } else if (expected !== actual) {
      return undefined;
    }
  }
  return params;
}
