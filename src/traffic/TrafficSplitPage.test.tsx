import { k8sDelete, usePrometheusPoll } from '@openshift-console/dynamic-plugin-sdk';
import { act, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { MemoryRouter, Route, Routes } from 'react-router';
import { canaryQueries } from '../mesh/metrics/promql';
import { FakeHttpError, givenWatches } from '../testing/fakeConsole';
import TrafficSplitPage from './TrafficSplitPage';

const SERVED = [
  'core~v1~Service',
  'apps~v1~Deployment',
  'networking.istio.io~v1~VirtualService',
  'networking.istio.io~v1~DestinationRule',
];

const service = {
  metadata: { name: 'reviews', namespace: 'bookinfo' },
  spec: { selector: { app: 'reviews' } },
};
const deployment = (version: string) => ({
  metadata: { name: `reviews-${version}`, namespace: 'bookinfo' },
  spec: { replicas: 1, template: { metadata: { labels: { app: 'reviews', version } } } },
});
const destinationRule = (v3Labels: Record<string, string> = { version: 'v3' }) => ({
  apiVersion: 'networking.istio.io/v1',
  kind: 'DestinationRule',
  metadata: { name: 'reviews', namespace: 'bookinfo', resourceVersion: '1' },
  spec: {
    host: 'reviews',
    subsets: [
      { name: 'v1', labels: { version: 'v1' } },
      { name: 'v2', labels: { version: 'v2' } },
      { name: 'v3', labels: v3Labels },
    ],
  },
});
const virtualService = (v1: number, v3: number) => ({
  apiVersion: 'networking.istio.io/v1',
  kind: 'VirtualService',
  metadata: { name: 'reviews', namespace: 'bookinfo', resourceVersion: '1' },
  spec: {
    hosts: ['reviews'],
    http: [
      {
        route: [
          { destination: { host: 'reviews', subset: 'v1' }, weight: v1 },
          { destination: { host: 'reviews', subset: 'v3' }, weight: v3 },
        ],
      },
    ],
  },
});

const givenMesh = (vs = virtualService(90, 10), dr = destinationRule()) =>
  givenWatches(SERVED, {
    services: { data: [service] },
    deployments: { data: ['v1', 'v2', 'v3'].map(deployment) },
    virtualServices: { data: [vs] },
    destinationRules: { data: [dr] },
  });

const vector = (perVersion: Record<string, number>) => ({
  status: 'success',
  data: {
    resultType: 'vector',
    result: Object.entries(perVersion).map(([v, n]) => ({
      metric: v ? { destination_canonical_revision: v } : {},
      value: [1700000000, String(n)],
    })),
  },
});

type Side = { requests: number; errors: number; p95: number };
/** Prometheus answers the four canary queries (10-minute window) for v3 against v1. */
const givenMetrics = (stable: Side, canary: Side, windowSeconds = 600) => {
  const q = canaryQueries('bookinfo', 'reviews', windowSeconds, 'v3');
  const answers: Record<string, unknown> = {
    [q.requests]: vector({ v1: stable.requests, v3: canary.requests }),
    [q.errors]: vector({ v1: stable.errors, v3: canary.errors }),
    [q.p95Canary]: vector({ '': canary.p95 }),
    [q.p95Stable]: vector({ '': stable.p95 }),
  };
  (usePrometheusPoll as jest.Mock).mockImplementation(({ query }: { query?: string }) =>
    query === undefined ? [undefined, false, undefined] : [answers[query], true, undefined],
  );
};

const stable: Side = { requests: 9000, errors: 9, p95: 100 };

/** Renders the form and lets Apply's access reviews answer. */
const renderPage = async () => {
  const r = render(
    <MemoryRouter initialEntries={['/service-mesh/traffic/ns/bookinfo/reviews/split']}>
      <Routes>
        <Route path="/service-mesh/traffic/ns/:ns/:name/split" element={<TrafficSplitPage />} />
      </Routes>
    </MemoryRouter>,
  );
  await act(async () => undefined);
  return r;
};

const promote = () => screen.getByTestId('promote');
const isHeld = (el: HTMLElement) => el.getAttribute('aria-disabled') === 'true';
const weight = (subset: string) => screen.getByTestId(`weight-${subset}`) as HTMLInputElement;

describe('TrafficSplitPage canary gate', () => {
  it('holds Promote while the canary fails, with the reason, and offers the roll back', async () => {
    givenMesh();
    givenMetrics(stable, { requests: 1000, errors: 42, p95: 110 });
    await renderPage();

    const panel = screen.getByTestId('canary-analysis');
    expect(within(panel).getByRole('heading', { name: 'Canary analysis' })).toBeInTheDocument();
    const errors = screen.getByTestId('check-errors');
    expect(errors).toHaveTextContent('0.1 %');
    expect(errors).toHaveTextContent('4.2 %');
    expect(errors).toHaveTextContent('at most 1.1 %');
    expect(errors).toHaveTextContent('Fail');
    expect(screen.getByTestId('check-traffic')).toHaveTextContent('9000');
    expect(screen.getByTestId('check-traffic')).toHaveTextContent('Pass');
    expect(screen.getByTestId('check-latency')).toHaveTextContent('Pass');

    expect(isHeld(promote())).toBe(true);
    const reasons = screen.getByTestId('promote-reasons');
    expect(reasons).toHaveTextContent(
      "Promotion is held. The canary's error rate 4.2 % is above the limit 1.1 %.",
    );
    // Screen readers hear the reason on the button.
    expect(promote()).toHaveAttribute('aria-describedby', reasons.id);
    await userEvent.click(promote());
    expect(weight('v3').value).toBe('10');

    await userEvent.click(screen.getByTestId('rollback-now'));
    expect(weight('v1').value).toBe('100');
    expect(weight('v3').value).toBe('0');
  });

  it('"Promote anyway" lets a failing canary take the next step, once', async () => {
    givenMesh();
    givenMetrics(stable, { requests: 1000, errors: 42, p95: 110 });
    await renderPage();

    await userEvent.click(screen.getByRole('checkbox', { name: 'Promote anyway' }));
    expect(isHeld(promote())).toBe(false);
    expect(screen.getByTestId('promote-reasons')).toHaveTextContent(
      "The gate would hold this promotion. The canary's error rate 4.2 % is above the limit 1.1 %.",
    );
    await userEvent.click(promote());
    expect(weight('v1').value).toBe('75');
    expect(weight('v3').value).toBe('25');
    // The step is only in the form: the next promotion waits for it to run in the cluster.
    expect(isHeld(promote())).toBe(true);
    expect(screen.getByRole('checkbox', { name: 'Promote anyway' })).not.toBeChecked();
    expect(screen.getByTestId('promote-reasons')).toHaveTextContent(
      'This form sends 25 % to v3, the cluster 10 %',
    );
  });

  it('explains too little traffic instead of judging it', async () => {
    givenMesh();
    givenMetrics(stable, { requests: 12, errors: 0, p95: 90 });
    await renderPage();

    expect(isHeld(promote())).toBe(true);
    expect(screen.getByTestId('promote-reasons')).toHaveTextContent(
      'Only 12 requests reached v3 in the last 10 minutes; the gate needs 100.',
    );
    expect(screen.getByText('The gate cannot judge v3')).toBeInTheDocument();
    expect(screen.queryByTestId('rollback-now')).not.toBeInTheDocument();
  });

  it('says plainly when the user may not read the metrics, and the gate cannot judge', async () => {
    givenMesh();
    (usePrometheusPoll as jest.Mock).mockImplementation(({ query }: { query?: string }) =>
      query === undefined
        ? [undefined, false, undefined]
        : [undefined, true, Object.assign(new FakeHttpError(403), { response: { status: 403 } })],
    );
    await renderPage();

    expect(screen.getByTestId('canary-analysis')).toHaveTextContent(
      'No metrics: you may not read the metrics of namespace bookinfo.',
    );
    expect(screen.queryByTestId('canary-checks')).not.toBeInTheDocument();
    expect(isHeld(promote())).toBe(true);
    expect(screen.getByTestId('promote-reasons')).toHaveTextContent('No metrics: you may not read');
  });

  it('holds Promote while the metrics load, with nothing to override yet', async () => {
    givenMesh();
    (usePrometheusPoll as jest.Mock).mockReturnValue([undefined, false, undefined]);
    await renderPage();
    expect(isHeld(promote())).toBe(true);
    expect(screen.getByTestId('promote-reasons')).toHaveTextContent('Reading the metrics of v3…');
    expect(screen.queryByRole('checkbox', { name: 'Promote anyway' })).not.toBeInTheDocument();
  });

  it('says when Prometheus is unreachable', async () => {
    givenMesh();
    (usePrometheusPoll as jest.Mock).mockImplementation(({ query }: { query?: string }) =>
      query === undefined
        ? [undefined, false, undefined]
        : [undefined, true, Object.assign(new Error('Bad Gateway'), { response: { status: 502 } })],
    );
    await renderPage();
    expect(screen.getByTestId('promote-reasons')).toHaveTextContent(
      "No metrics: the cluster's Prometheus could not be reached.",
    );
  });

  it('lets a healthy canary take the next step', async () => {
    givenMesh();
    givenMetrics(stable, { requests: 1000, errors: 10, p95: 110 });
    await renderPage();

    expect(screen.getByText('v3 passes the gate: it may take the next step.')).toBeInTheDocument();
    expect(screen.queryByTestId('promote-reasons')).not.toBeInTheDocument();
    expect(isHeld(promote())).toBe(false);
    await userEvent.click(promote());
    expect(weight('v3').value).toBe('25');
  });

  it('needs no evidence for the first step, and asks Prometheus nothing before it', async () => {
    givenMesh(virtualService(100, 0));
    givenMetrics(stable, { requests: 0, errors: 0, p95: 0 });
    await renderPage();

    expect(screen.queryByTestId('canary-analysis')).not.toBeInTheDocument();
    expect(
      (usePrometheusPoll as jest.Mock).mock.calls.every(
        ([props]: [{ query?: string }]) => props.query === undefined,
      ),
    ).toBe(true);
    expect(isHeld(promote())).toBe(false);
    await userEvent.click(promote());
    expect(weight('v3').value).toBe('10');
  });

  it('judges over the window the user picks and with the settings they type, flagging bad ones', async () => {
    givenMesh();
    givenMetrics(stable, { requests: 150, errors: 0, p95: 100 }, 1800);
    await renderPage();

    await userEvent.selectOptions(screen.getByLabelText('Window'), 'Last 30 minutes');
    expect(screen.getByTestId('check-traffic')).toHaveTextContent('150');
    expect(isHeld(promote())).toBe(false);

    const minRequests = screen.getByLabelText('Minimum canary requests');
    await userEvent.clear(minRequests);
    await userEvent.type(minRequests, '200');
    expect(screen.getByTestId('promote-reasons')).toHaveTextContent(
      'Only 150 requests reached v3 in the last 30 minutes; the gate needs 200.',
    );

    await userEvent.clear(minRequests);
    expect(minRequests).toHaveAttribute('aria-invalid', 'true');
    expect(screen.getByText('Enter a whole number of 1 or more.')).toBeInTheDocument();
    expect(screen.getByTestId('promote-reasons')).toHaveTextContent(
      'The gate settings have errors: correct them to judge v3.',
    );
    const ratio = screen.getByLabelText('Max p95 ratio');
    await userEvent.clear(ratio);
    await userEvent.type(ratio, '0.5');
    expect(screen.getByText('Enter a ratio of 1 or more.')).toBeInTheDocument();
  });

  it('cannot judge a canary subset that selects pods without a version label', async () => {
    givenMesh(virtualService(90, 10), destinationRule({ track: 'canary' }));
    givenMetrics(stable, { requests: 1000, errors: 0, p95: 100 });
    await renderPage();
    // The form proposes another subset for version v3: pick the one the route uses.
    await userEvent.selectOptions(screen.getByLabelText('Canary version'), 'canary: v3');
    expect(screen.getByTestId('promote-reasons')).toHaveTextContent(
      'No metrics: subset v3 selects pods without a version label',
    );
    expect(isHeld(promote())).toBe(true);
  });
});

describe('TrafficSplitPage remove split', () => {
  it('reviews the removal as a diff of everything going, applies it as a delete, and can go back', async () => {
    givenMesh();
    givenMetrics(stable, { requests: 1000, errors: 10, p95: 110 });
    (k8sDelete as jest.Mock).mockImplementation(async ({ resource }) => resource);
    await renderPage();

    await userEvent.click(screen.getByTestId('remove-split'));
    expect(screen.getByTestId('removing-split')).toHaveTextContent(
      'VirtualService reviews holds nothing but the split, so it will be deleted',
    );
    expect(screen.getByTestId('unused-subsets')).toHaveTextContent('v1, v2, v3');
    const diff = screen.getByTestId('diff-virtualservice');
    expect(diff).toHaveAttribute('data-removed', 'true');
    expect(diff).toHaveTextContent('VirtualService reviews (deleted)');
    expect(within(diff).queryAllByText(/^\+ /)).toHaveLength(0);
    expect(screen.getByTestId('diff-destinationrule')).toHaveAttribute('data-changed', 'false');
    expect(weight('v1')).not.toBeVisible();

    await userEvent.click(screen.getByTestId('keep-split'));
    expect(screen.queryByTestId('removing-split')).not.toBeInTheDocument();
    expect(weight('v1')).toBeVisible();
    expect(weight('v1').value).toBe('90');

    await userEvent.click(screen.getByTestId('remove-split'));
    await userEvent.click(screen.getByTestId('apply'));
    expect((k8sDelete as jest.Mock).mock.calls.map(([o]) => o.queryParams)).toEqual([
      { dryRun: 'All' },
      undefined,
    ]);
    expect((k8sDelete as jest.Mock).mock.calls[1][0].resource.metadata.name).toBe('reviews');
    // Applied: the page is the split form again.
    expect(screen.queryByTestId('removing-split')).not.toBeInTheDocument();
  });
});
