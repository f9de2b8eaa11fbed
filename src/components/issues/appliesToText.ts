import type { AppliesTo } from '../../mesh/config/describeAppliesTo';
import type { TargetRef } from '../../mesh/config/meshConfigIndex';
import type { T } from './issueText';

/** Lists show this many hosts or references, then how many more there are. */
const SHOWN = 3;

const list = (t: T, items: string[]): string =>
  items.length > SHOWN
    ? t('{{items}} and {{more}} more', {
        items: items.slice(0, SHOWN).join(', '),
        more: items.length - SHOWN,
      })
    : items.join(', ');

const refText = (r: TargetRef) => `${r.kind} ${r.namespace ? `${r.namespace}/` : ''}${r.name}`;

const labelsText = (labels: Record<string, string>) =>
  Object.entries(labels)
    .map(([k, v]) => `${k}=${v}`)
    .join(', ');

/** What an Istio object applies to, in a line, as the configuration list shows it. */
export const appliesToText = (t: T, a: AppliesTo): string => {
  switch (a.kind) {
    case 'hosts':
      return a.hosts.length ? list(t, a.hosts) : t('No hosts');
    case 'selector':
      return a.scope === 'mesh'
        ? t('Workloads with {{labels}}, in every namespace', { labels: labelsText(a.labels) })
        : t('Workloads with {{labels}}', { labels: labelsText(a.labels) });
    case 'namespace':
      return t('Every workload in the namespace');
    case 'mesh':
      return t('Every workload in the mesh');
    case 'targetRefs':
      return list(t, a.refs.map(refText));
    case 'parents': {
      const parents = a.refs.length ? list(t, a.refs.map(refText)) : t('No parent');
      return a.hosts.length
        ? t('{{parents}}, for {{hosts}}', { parents, hosts: list(t, a.hosts) })
        : parents;
    }
    default:
      return '';
  }
};
