import { type LoopbackServer, startLoopbackServer } from './loopback-server.js';

/** A file the page server answers with. */
export interface PageAsset {
  readonly contentType: string;
  readonly body: string;
  /** Extra response headers (`Service-Worker-Allowed`, ...). */
  readonly headers?: Readonly<Record<string, string>>;
}

/** HTML that loads one module script. */
export function pageHtml(title: string, scriptPath: string): PageAsset {
  return {
    contentType: 'text/html; charset=utf-8',
    body: `<!doctype html><html><head><meta charset="utf-8"><title>${title}</title></head><body><script type="module" src="${scriptPath}"></script></body></html>`,
  };
}

/** A JavaScript asset. */
export const scriptAsset = (body: string): PageAsset => ({
  contentType: 'text/javascript; charset=utf-8',
  body,
});

/** Serves a fixed set of assets by path on its own loopback origin (the page's origin, not the API's). */
export function startPageServer(assets: Readonly<Record<string, PageAsset>>): Promise<LoopbackServer> {
  return startLoopbackServer((request, response) => {
    const path = new URL(request.url ?? '/', 'http://127.0.0.1').pathname;
    if (path === '/favicon.ico') {
      // No icon, and no 404 in the page's console either.
      response.writeHead(204);
      response.end();
      return;
    }
    const asset = Object.hasOwn(assets, path) ? assets[path] : undefined;
    if (request.method !== 'GET' || asset === undefined) {
      response.writeHead(404, { 'content-type': 'text/plain' });
      response.end('not found');
      return;
    }
    response.writeHead(200, {
      'content-type': asset.contentType,
      'cache-control': 'no-store',
      ...asset.headers,
    });
    response.end(asset.body);
  });
}
