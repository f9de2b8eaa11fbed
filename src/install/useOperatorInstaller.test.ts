import type { ResourceStep } from '../mesh/install/installPlan';
import type { ReadinessLink } from '../mesh/observability/telemetryReadiness';
import type { InstallState } from './useInstallState';
import { METRICS_LINKS, resourceStepDone } from './useOperatorInstaller';

const link = (id: ReadinessLink['id'], state: ReadinessLink['state'] = 'ok'): ReadinessLink => ({
  id,
  chain: 'metrics',
  state,
  fix: 'metrics',
});
const withLinks = (links: ReadinessLink[]) => ({ telemetry: { links } }) as unknown as InstallState;
const metrics = { kind: 'metrics' } as ResourceStep;
const sidecarLinks = ['uwm-enabled', 'uwm-prometheus', 'istiod-scraped', 'proxies-scraped'].map(
  (id) => link(id as ReadinessLink['id']),
);

describe('the metrics step is done', () => {
  it('on a sidecar mesh when its four links hold: there is no ztunnel to scrape', () => {
    expect(METRICS_LINKS).toContain('ztunnel-scraped');
    expect(resourceStepDone(withLinks(sidecarLinks))(metrics)).toBe(true);
    expect(
      resourceStepDone(withLinks(sidecarLinks.filter((l) => l.id !== 'proxies-scraped')))(metrics),
    ).toBe(false);
  });

  it('on an ambient mesh only once ztunnel is scraped too', () => {
    expect(
      resourceStepDone(withLinks([...sidecarLinks, link('ztunnel-scraped', 'missing')]))(metrics),
    ).toBe(false);
    expect(resourceStepDone(withLinks([...sidecarLinks, link('ztunnel-scraped')]))(metrics)).toBe(
      true,
    );
  });
});
