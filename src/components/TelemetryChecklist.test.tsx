import { render, screen, within } from '@testing-library/react';
import { MemoryRouter } from 'react-router';
import type { ReadinessLink } from '../mesh/observability/telemetryReadiness';
import { ReadinessList } from './TelemetryChecklist';

const ztunnel = (state: ReadinessLink['state'], namespaces: string[] = []): ReadinessLink => ({
  id: 'ztunnel-scraped',
  chain: 'metrics',
  state,
  fix: 'metrics',
  detail: { namespaces },
});

const renderLinks = (links: ReadinessLink[], showFix?: boolean) =>
  render(
    <MemoryRouter>
      <ReadinessList links={links} controlPlane="istio-system" showFix={showFix} />
    </MemoryRouter>,
  );

describe('ReadinessList: ztunnel’s line on an ambient mesh', () => {
  it('says what is lost without ztunnel’s metrics, and links the metrics step', () => {
    renderLinks([ztunnel('missing', ['ztunnel'])]);
    const line = screen.getByTestId('telemetry-link-ztunnel-scraped');
    expect(line).toHaveAttribute('data-state', 'missing');
    expect(line).toHaveTextContent(
      'ztunnel’s metrics are not collected (no PodMonitor scrapes it in ztunnel): Kiali’s graph has no L4 (TCP) edges of ambient workloads and no waypoint nodes.',
    );
    expect(
      within(line).getByRole('link', { name: 'Set it up in the install wizard' }),
    ).toHaveAttribute('href', '/service-mesh/install#step-metrics');
  });

  it('says so once collected', () => {
    renderLinks([ztunnel('ok')]);
    expect(screen.getByTestId('telemetry-link-ztunnel-scraped')).toHaveTextContent(
      'ztunnel’s metrics are collected.',
    );
    expect(screen.queryByRole('link')).toBeNull();
  });

  it('cannot tell without access to the PodMonitors', () => {
    renderLinks([ztunnel('unknown')]);
    expect(screen.getByTestId('telemetry-link-ztunnel-scraped')).toHaveTextContent(
      'Whether ztunnel is scraped cannot be read with your access.',
    );
  });
});
