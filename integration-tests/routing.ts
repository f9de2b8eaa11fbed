// Cluster states the browser tests set up on bookinfo, written as an operator would.
import type { Page } from '@playwright/test';
import { apiRequest } from './api';
import { expect } from './fixtures';

export const NET = '/apis/networking.istio.io/v1/namespaces/bookinfo';

/** Subsets v1, v2, v3 for reviews and a VirtualService splitting it by `weights` (e.g. 90/10). */
export const splitReviews = async (page: Page, weights: Record<string, number>) => {
  const dr = await apiRequest(page, 'POST', `${NET}/destinationrules`, {
    apiVersion: 'networking.istio.io/v1',
    kind: 'DestinationRule',
    metadata: { name: 'reviews', namespace: 'bookinfo' },
    spec: {
      host: 'reviews',
      subsets: ['v1', 'v2', 'v3'].map((v) => ({ name: v, labels: { version: v } })),
    },
  });
  expect(dr.status).toBe(201);
  const vs = await apiRequest(page, 'POST', `${NET}/virtualservices`, {
    apiVersion: 'networking.istio.io/v1',
    kind: 'VirtualService',
    metadata: { name: 'reviews', namespace: 'bookinfo' },
    spec: {
      hosts: ['reviews'],
      http: [
        {
          route: Object.entries(weights).map(([subset, weight]) => ({
            destination: { host: 'reviews', subset },
            weight,
          })),
        },
      ],
    },
  });
  expect(vs.status).toBe(201);
};

// The stand-in's way to make one version's build fail (an application bug answering 500). An
// injected `fault.abort` would not do: Istio reports it only from the caller's proxy, with no
// destination version, so no metric by destination version shows it.
const SIMULATED_ERRORS = 'preview.mesh-console-plugin/simulated-error-percent';

/** Sets a Deployment's simulated error share and waits until its new pods run. */
export const simulateErrors = async (page: Page, deployment: string, percent: number) => {
  const path = `/apis/apps/v1/namespaces/bookinfo/deployments/${deployment}`;
  const patched = await apiRequest(
    page,
    'PATCH',
    path,
    { spec: { template: { metadata: { annotations: { [SIMULATED_ERRORS]: String(percent) } } } } },
    'application/merge-patch+json',
  );
  expect(patched.status).toBe(200);
  // Tests let time pass only after the rollout: a jump mid-rollout would run it without pods.
  await expect
    .poll(async () => {
      const d = (await apiRequest(page, 'GET', path)).body;
      return (
        d.status?.observedGeneration === d.metadata.generation && d.status?.availableReplicas === 1
      );
    })
    .toBe(true);
};
