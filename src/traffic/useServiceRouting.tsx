import { Alert, Bullseye, Spinner } from '@patternfly/react-core';
import { useCallback, useMemo } from 'react';
import type { ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../k8s/errors';
import { useRereadable } from '../k8s/useRereadable';
import { proposeSubsets } from '../mesh/traffic/subsets';
import { DestinationRuleModel, VirtualServiceModel, atVersion } from '../models';
import { routingFor, useTrafficData } from './useTrafficData';

/**
 * What every traffic form starts from: the service, its VirtualService and DestinationRule (at
 * the served version, re-readable after a conflict), and the subsets its Deployments suggest.
 * `notReady` is what to show instead of the form while loading, on error or for an unknown service.
 */
export const useServiceRouting = (ns: string, name: string) => {
  const { t } = useTranslation('plugin__mesh-console-plugin');
  const data = useTrafficData(ns);
  const service = data.services.find((s) => s.metadata?.name === name);
  const watched = service
    ? routingFor(service, data.virtualServices, data.destinationRules)
    : { vs: undefined, dr: undefined };
  const vsModel = atVersion(VirtualServiceModel, data.version);
  const drModel = atVersion(DestinationRuleModel, data.version);
  const latestVs = useRereadable(watched.vs, vsModel, ns);
  const latestDr = useRereadable(watched.dr, drModel, ns);
  const vs = latestVs.current;
  const dr = latestDr.current;
  const proposal = useMemo(
    () =>
      proposeSubsets({
        deployments: data.deployments,
        serviceSelector: service?.spec?.selector,
        existingSubsets: dr?.spec?.subsets,
      }),
    [data.deployments, service, dr],
  );
  const { reread: rereadVs } = latestVs;
  const { reread: rereadDr } = latestDr;
  const reread = useCallback(async () => {
    await Promise.all([rereadVs(), rereadDr()]);
  }, [rereadVs, rereadDr]);

  let notReady: ReactElement | null = null;
  if (!data.loaded) {
    notReady = (
      <Bullseye>
        <Spinner aria-label={t('Loading the service')} />
      </Bullseye>
    );
  } else if (data.error) {
    notReady = (
      <Alert isInline variant="danger" title={t('The services could not be read')}>
        {errorMessage(data.error)}
      </Alert>
    );
  } else if (!service) {
    notReady = (
      <Alert
        isInline
        variant="danger"
        title={t('Service {{namespace}}/{{name}} not found', { namespace: ns, name })}
      />
    );
  }
  return { data, service, vs, dr, vsModel, drModel, proposal, reread, notReady };
};
