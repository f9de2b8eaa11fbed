import { useK8sModels } from '@openshift-console/dynamic-plugin-sdk';
import type { SetFeatureFlag } from '@openshift-console/dynamic-plugin-sdk';
import { useEffect } from 'react';
import { FLAG_ISTIO_NETWORKING, FLAG_ISTIO_SECURITY } from '../mesh/flags';
import { detectIstioApiVersions } from '../mesh/istioApiVersions';
import type { ServedModel } from '../mesh/istioApiVersions';

/**
 * console.flag/hookProvider handler. Istio's APIs are v1 on Service Mesh 3 and v1beta1 on 2.6;
 * a console.flag/model extension names one version, so these flags look at every served one.
 */
const useMeshFeatureFlags = (setFlag: SetFeatureFlag): void => {
  const [models, inFlight] = useK8sModels();
  useEffect(() => {
    if (inFlight) return;
    const versions = detectIstioApiVersions(Object.values(models ?? {}) as ServedModel[]);
    setFlag(FLAG_ISTIO_NETWORKING, !!versions.networking);
    setFlag(FLAG_ISTIO_SECURITY, !!versions.security);
  }, [models, inFlight, setFlag]);
};

export default useMeshFeatureFlags;
