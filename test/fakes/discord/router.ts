// A small method + path router. Patterns name their parameters (`:channelId`)
// and the handler's `params` is typed from the pattern, so a handler cannot
// read a parameter its route does not have.

import type { UploadedFile } from './messages.ts';

/** `'/channels/:channelId/messages/:messageId'` → `{ channelId: string; messageId: string }`. */
export type RouteParams<P extends string> = P extends `${string}:${infer Name}/${infer Rest}`
  ? { [K in Name]: string } & RouteParams<`/${Rest}`>
  : P extends `${string}:${infer Name}`
    ? { [K in Name]: string }
    : Record<never, string>;

export interface RouteContext<Params> {
  method: string;
  path: string;
  params: Params;
  query: URLSearchParams;
  headers: Record<string, string>;
  body: unknown;
  files: UploadedFile[];
}

export interface RouteResult {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

export type RouteHandler<Params> = (ctx: RouteContext<Params>) => RouteResult | Promise<RouteResult>;

export interface RouteOptions {
  /**
   * Whether the route needs `Authorization: Bot <token>`. Interaction
   * callbacks and interaction webhooks are authenticated by the interaction
   * token in the URL instead; discord.js sends them with `auth: false`.
   */
  auth?: boolean;
}

interface Route {
  method: string;
  pattern: string;
  regex: RegExp;
  names: string[];
  auth: boolean;
  handler: RouteHandler<Record<string, string>>;
}

export type RouteMatch =
  | { kind: 'found'; route: Route; params: Record<string, string> }
  | { kind: 'wrong-method' }
  | { kind: 'none' };

export class Router {
  readonly #routes: Route[] = [];

  add<P extends string>(method: string, pattern: P, handler: RouteHandler<RouteParams<P>>, options: RouteOptions = {}): void {
    const names: string[] = [];
    const source = pattern
      .split('/')
      .map((segment) => {
        if (!segment.startsWith(':')) return segment.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
        names.push(segment.slice(1));
        return '([^/]+)';
      })
      .join('/');
    this.#routes.push({
      method,
      pattern,
      regex: new RegExp(`^${source}$`),
      names,
      auth: options.auth ?? true,
      // The handler's params type is derived from this same pattern.
      handler: handler as RouteHandler<Record<string, string>>,
    });
  }

  /** The first route registered for the (already percent-decoded) path; earlier, more specific routes win. */
  match(method: string, path: string): RouteMatch {
    let pathMatched = false;
    for (const route of this.#routes) {
      const m = route.regex.exec(path);
      if (m === null) continue;
      pathMatched = true;
      if (route.method !== method) continue;
      const params: Record<string, string> = {};
      route.names.forEach((name, i) => {
        params[name] = m[i + 1] ?? '';
      });
      return { kind: 'found', route, params };
    }
    return pathMatched ? { kind: 'wrong-method' } : { kind: 'none' };
  }
}
