import type { Hono } from 'hono';
import { renderDashboard } from './render-dashboard.js';

/** `GET /` and `GET /dashboard`: the dashboard page (rendered once, then served from memory). */
export function registerDashboard(app: Hono): void {
  let page: string | undefined;
  const serve = (): Response => {
    page ??= renderDashboard();
    return new Response(page, {
      headers: {
        'content-type': 'text/html; charset=utf-8',
        'cache-control': 'no-cache',
        'content-security-policy': "default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; img-src data: blob:; connect-src 'self'",
      },
    });
  };
  app.get('/', () => serve());
  app.get('/dashboard', () => serve());
}
