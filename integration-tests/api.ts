import type { Page } from '@playwright/test';

/** A write through the console's Kubernetes proxy, from the page, with the CSRF header. */
export const apiRequest = (
  page: Page,
  method: string,
  path: string,
  body?: unknown,
  contentType = 'application/json',
) =>
  page.evaluate(
    async ({ method, path, body, contentType }) => {
      const csrf = document.cookie.match(/csrf-token=([^;]+)/)?.[1] ?? '';
      const res = await fetch(`/api/kubernetes${path}`, {
        method,
        headers: { 'Content-Type': contentType, 'X-CSRFToken': csrf },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      return { status: res.status, body: await res.json() };
    },
    { method, path, body, contentType },
  );
