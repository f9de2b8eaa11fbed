import {
  checkAccess,
  k8sCreate,
  k8sDelete,
  k8sGet,
  k8sUpdate,
} from '@openshift-console/dynamic-plugin-sdk';
import { act, renderHook, waitFor } from '@testing-library/react';
import { planEdits, removal } from '../mesh/forms/editPlan';
import type { K8sResourceCommon } from '../models';
import { issuesFromWriteError, useEditForm, useWriteAccess } from './useEditForm';
import { WriteError } from './writes';

const vs = (rv: string | undefined, weight: number): K8sResourceCommon =>
  ({
    apiVersion: 'networking.istio.io/v1',
    kind: 'VirtualService',
    metadata: { name: 'reviews', namespace: 'bookinfo', ...(rv ? { resourceVersion: rv } : {}) },
    spec: { hosts: ['reviews'], http: [{ route: [{ destination: { host: 'reviews' }, weight }] }] },
  }) as K8sResourceCommon;

const status422 = (field: string, message: string) =>
  Object.assign(new Error('invalid'), {
    code: 422,
    json: { kind: 'Status', reason: 'Invalid', details: { causes: [{ field, message }] } },
  });

describe('issuesFromWriteError', () => {
  it('puts each field the API server names on that field of the object that failed', () => {
    const e = new WriteError('x', {
      reason: 'invalid',
      target: 'VirtualService bookinfo/reviews',
      causes: [
        { field: 'spec.http[0].route[1].weight', message: 'Invalid value: "string"' },
        { message: 'no field' },
        { field: '<nil>', message: 'webhook' },
      ],
    });
    expect(issuesFromWriteError(e)).toEqual([
      {
        object: 'VirtualService',
        path: ['spec', 'http', 0, 'route', 1, 'weight'],
        code: 'server.rejected',
        params: { message: 'Invalid value: "string"' },
        severity: 'error',
      },
    ]);
  });

  it('has nothing to place for a refusal that is not about the content', () => {
    expect(issuesFromWriteError(new WriteError('x', { reason: 'forbidden', causes: [] }))).toEqual(
      [],
    );
    expect(issuesFromWriteError(undefined)).toEqual([]);
  });
});

describe('useWriteAccess', () => {
  it('asks update for a stored object and create for a new one, and names what is denied', async () => {
    (checkAccess as jest.Mock).mockImplementation(async (attrs: { verb: string }) => ({
      status: { allowed: attrs.verb !== 'create' },
    }));
    const edits = [
      { before: vs('1', 90), after: vs('1', 80) },
      { after: { ...vs(undefined, 1), kind: 'DestinationRule' } as K8sResourceCommon },
    ];
    const { result } = renderHook(() => useWriteAccess(edits));
    expect(result.current.loading).toBe(true);
    await waitFor(() => expect(result.current.loading).toBe(false));
    expect(result.current.denied).toEqual([
      { kind: 'DestinationRule', name: 'reviews', namespace: 'bookinfo', verb: 'create' },
    ]);
    expect((checkAccess as jest.Mock).mock.calls.map((c) => c[0])).toEqual([
      {
        group: 'networking.istio.io',
        resource: 'virtualservices',
        verb: 'update',
        namespace: 'bookinfo',
        name: 'reviews',
      },
      {
        group: 'networking.istio.io',
        resource: 'destinationrules',
        verb: 'create',
        namespace: 'bookinfo',
      },
    ]);
  });

  it('asks delete for an object the plan removes', async () => {
    (checkAccess as jest.Mock).mockResolvedValue({ status: { allowed: false } });
    const edits = [removal(vs('1', 90))];
    const { result } = renderHook(() => useWriteAccess(edits));
    await waitFor(() => expect(result.current.loading).toBe(false));
    expect(result.current.denied).toEqual([
      { kind: 'VirtualService', name: 'reviews', namespace: 'bookinfo', verb: 'delete' },
    ]);
    expect((checkAccess as jest.Mock).mock.calls[0][0]).toEqual({
      group: 'networking.istio.io',
      resource: 'virtualservices',
      verb: 'delete',
      namespace: 'bookinfo',
      name: 'reviews',
    });
  });

  it('lets the API server decide when a review cannot be asked', async () => {
    (checkAccess as jest.Mock).mockRejectedValue(new Error('offline'));
    const edits = [{ before: vs('1', 90), after: vs('1', 80) }];
    const { result } = renderHook(() => useWriteAccess(edits));
    await waitFor(() => expect(result.current.loading).toBe(false));
    expect(result.current.denied).toEqual([]);
  });
});

describe('useEditForm', () => {
  beforeEach(() => {
    (checkAccess as jest.Mock).mockResolvedValue({ status: { allowed: true } });
  });

  it('keeps the server’s field errors while the form proposes what was refused', async () => {
    (k8sUpdate as jest.Mock).mockRejectedValue(status422('spec.http[0].route[0].weight', 'bad'));
    const plan = planEdits([{ before: vs('1', 90), after: vs('1', 80) }], []);
    const { result, rerender } = renderHook(({ p }) => useEditForm(p), {
      initialProps: { p: plan },
    });
    await waitFor(() => expect(result.current.canApply).toBe(true));
    await act(async () => {
      expect(await result.current.apply()).toBe(false);
    });
    expect(result.current.serverIssues.map((i) => i.path)).toEqual([
      ['spec', 'http', 0, 'route', 0, 'weight'],
    ]);
    // The user changes the proposal: the refusal no longer applies to it.
    rerender({ p: planEdits([{ before: vs('1', 90), after: vs('1', 70) }], []) });
    expect(result.current.serverIssues).toEqual([]);
  });

  it('applies a removal: the object is deleted, dry-run first', async () => {
    (k8sDelete as jest.Mock).mockImplementation(async ({ resource }) => resource);
    const plan = planEdits([removal(vs('1', 90))], []);
    expect(plan.unchanged).toBe(false);
    const { result } = renderHook(() => useEditForm(plan));
    await waitFor(() => expect(result.current.canApply).toBe(true));
    await act(async () => {
      expect(await result.current.apply()).toBe(true);
    });
    expect((k8sDelete as jest.Mock).mock.calls.map((c) => c[0].queryParams)).toEqual([
      { dryRun: 'All' },
      undefined,
    ]);
  });

  it('re-reads on a conflict and reports it as one', async () => {
    (k8sUpdate as jest.Mock).mockRejectedValue(
      Object.assign(new Error('conflict'), { code: 409, json: { reason: 'Conflict' } }),
    );
    const reread = jest.fn(() => Promise.resolve());
    const plan = planEdits([{ before: vs('1', 90), after: vs('1', 80) }], []);
    const { result } = renderHook(() => useEditForm(plan, { reread }));
    await waitFor(() => expect(result.current.canApply).toBe(true));
    await act(async () => {
      await result.current.apply();
    });
    expect(reread).toHaveBeenCalled();
    expect(result.current.conflict).toBe(true);
  });

  it('applies, then tells the form; never applies an unchanged or blocked plan', async () => {
    (k8sUpdate as jest.Mock).mockImplementation(async ({ data }) => data);
    const onApplied = jest.fn();
    const plan = planEdits([{ before: vs('1', 90), after: vs('1', 80) }], []);
    const { result } = renderHook(() => useEditForm(plan, { onApplied }));
    await waitFor(() => expect(result.current.canApply).toBe(true));
    await act(async () => {
      expect(await result.current.apply()).toBe(true);
    });
    expect(onApplied).toHaveBeenCalled();
    const same = planEdits([{ before: vs('1', 90), after: vs('1', 90) }], []);
    const { result: r2 } = renderHook(() => useEditForm(same));
    await waitFor(() => expect(r2.current.access.loading).toBe(false));
    expect(r2.current.canApply).toBe(false);
    expect(k8sCreate).not.toHaveBeenCalled();
    expect(k8sGet).not.toHaveBeenCalled();
  });
});
