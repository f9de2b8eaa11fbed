import { useAccessReview, usePrometheusPoll } from '@openshift-console/dynamic-plugin-sdk';
import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { MemoryRouter } from 'react-router';
import { goldenSignalQueries } from '../mesh/metrics/promql';
import { FakeHttpError, givenWatches } from '../testing/fakeConsole';
import {
  TELEMETRY_SERVED,
  complete,
  readable,
  telemetryWatches,
} from '../testing/telemetryFixtures';
import { MetricsSection } from './MetricsSection';

const reviews = { kind: 'service' as const, namespace: 'bookinfo', name: 'reviews' };
const table = goldenSignalQueries(reviews, 'inbound', 600);

const vector = (byVersion: Record<string, string>) => ({
  status: 'success',
  data: {
    resultType: 'vector',
    result: Object.entries(byVersion).map(([v, value]) => ({
      metric: { destination_canonical_revision: v },
      value: [1763900000, value],
    })),
  },
});

type Answers = Record<string, unknown>;
const polls = () =>
  (usePrometheusPoll as jest.Mock).mock.calls.map(
    (c) => c[0] as { query?: string; namespace?: string },
  );

/** Prometheus answers each query it is given; an Error answers as a failed poll. */
const givenPrometheus = (answers: Answers) =>
  (usePrometheusPoll as jest.Mock).mockImplementation(({ query }: { query?: string }) => {
    if (!query) return [undefined, true, undefined];
    const a = answers[query];
    if (a instanceof Error) return [undefined, true, a];
    return [a ?? vector({}), true, undefined];
  });

const renderSection = () =>
  render(
    <MemoryRouter>
      <MetricsSection subject={{ target: reviews }} durationSeconds={600} />
    </MemoryRouter>,
  );

beforeEach(() => {
  givenWatches([...TELEMETRY_SERVED], telemetryWatches(complete()));
  (useAccessReview as jest.Mock).mockReturnValue([true, false]);
});

describe('MetricsSection', () => {
  it('shows rate, errors and latency per version, side by side', async () => {
    givenPrometheus({
      [table.requestRate]: vector({ v1: '9', v3: '1' }),
      [table.errorPercent]: vector({ v1: '0', v3: '100' }),
      [table.latency.p95]: vector({ v1: '9.5', v3: 'NaN' }),
    });
    renderSection();
    const rows = await screen.findByTestId('metrics-table');
    const v1 = within(rows).getByTestId('metrics-row-v1');
    expect(within(v1).getByTestId('rps')).toHaveTextContent('9.00');
    expect(within(v1).getByTestId('errors')).toHaveTextContent('0%');
    expect(within(v1).getByTestId('p95')).toHaveTextContent('9.5 ms');
    const v3 = within(rows).getByTestId('metrics-row-v3');
    expect(within(v3).getByTestId('errors')).toHaveTextContent('100%');
    // A quantile over no samples is unknown, never 0.
    expect(within(v3).getByTestId('p95')).toHaveTextContent('—');
    // Three charts; none of them plots a hidden version until the user hides one.
    expect(screen.getAllByTestId('query-browser')).toHaveLength(3);
  });

  it('asks a fixed number of queries whatever the number of versions', () => {
    givenPrometheus({ [table.requestRate]: vector({ v1: '1', v2: '1', v3: '1', v4: '1' }) });
    renderSection();
    const asked = new Set(polls().map((p) => p.query));
    givenPrometheus({ [table.requestRate]: vector({ v1: '1' }) });
    (usePrometheusPoll as jest.Mock).mockClear();
    renderSection();
    expect(new Set(polls().map((p) => p.query))).toEqual(asked);
    expect(asked.size).toBe(7);
  });

  it('sends a project user’s queries to the tenancy endpoint of the namespace', () => {
    (useAccessReview as jest.Mock).mockReturnValue([false, false]);
    givenPrometheus({});
    renderSection();
    expect(
      polls()
        .filter((p) => p.query)
        .every((p) => p.namespace === 'bookinfo'),
    ).toBe(true);
  });

  it('explains a 403 in plain words instead of failing', async () => {
    (useAccessReview as jest.Mock).mockReturnValue([false, false]);
    givenPrometheus({ [table.requestRate]: new FakeHttpError(403, undefined, 'Forbidden') });
    renderSection();
    const alert = await screen.findByTestId('metrics-error');
    expect(alert).toHaveTextContent('You may not read the metrics of bookinfo');
    expect(screen.queryByTestId('metrics-table')).not.toBeInTheDocument();
  });

  it('names the missing link of the metrics chain when Prometheus has nothing', async () => {
    givenWatches(
      [...TELEMETRY_SERVED],
      telemetryWatches({ ...complete(), monitoringConfigs: readable() }),
    );
    givenPrometheus({});
    renderSection();
    const checklist = await screen.findByTestId('metrics-telemetry-checklist');
    expect(checklist).toHaveTextContent('Why there are no metrics');
    expect(within(checklist).getByTestId('telemetry-link-uwm-enabled')).toHaveAttribute(
      'data-state',
      'missing',
    );
  });

  it('says there were no requests when the chain is whole', async () => {
    givenPrometheus({});
    renderSection();
    expect(await screen.findByTestId('metrics-empty')).toHaveTextContent(
      'Prometheus has no requests to reviews in this window.',
    );
  });

  it('reads outbound traffic from the source proxies when the user switches', async () => {
    givenPrometheus({});
    renderSection();
    await userEvent.click(screen.getByRole('button', { name: 'Outbound' }));
    expect(polls().some((p) => p.query?.includes('reporter="source"'))).toBe(true);
  });
});
