// Feature flags as the console sets them: `console.flag/model` from discovery, and
// `console.flag/hookProvider` handlers run as hooks. Flags go to the redux FLAGS state (useFlag)
// and to the PluginStore (extension `flags.required` gating).
import {
  useExtensions,
  usePluginStore,
  useResolvedExtensions,
} from '@openshift/dynamic-plugin-sdk';
import type { K8sModel } from '@openshift-console/dynamic-plugin-sdk';
import { useCallback, useEffect } from 'react';
import type { FC } from 'react';
import { useDispatch, useSelector } from 'react-redux';
import { isHookFlagProvider, isModelFlag } from './extensions';
import { setFlag } from './store';

const useSetFlag = () => {
  const dispatch = useDispatch();
  const pluginStore = usePluginStore();
  return useCallback(
    (flag: string, value: boolean) => {
      dispatch(setFlag(flag, value));
      if (pluginStore.getFeatureFlags()[flag] !== value)
        pluginStore.setFeatureFlags({ [flag]: value });
    },
    [dispatch, pluginStore],
  );
};

const HookRunner: FC<{ handler: (setFlag: (flag: string, value: boolean) => void) => void }> = ({
  handler,
}) => {
  handler(useSetFlag());
  return null;
};

export const FlagProviders: FC = () => {
  const setFlagValue = useSetFlag();
  const modelFlags = useExtensions(isModelFlag);
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  const models = useSelector((state: any) => state.k8s.getIn(['RESOURCES', 'models']));
  const loaded = useSelector((state: any) => state.k8s.getIn(['RESOURCES', 'loaded'])); // eslint-disable-line @typescript-eslint/no-explicit-any
  useEffect(() => {
    if (!loaded) return;
    const served = [...models.values()] as K8sModel[];
    modelFlags.forEach(({ properties: { flag, model } }) => {
      setFlagValue(
        flag,
        served.some(
          (m) =>
            m.apiGroup === model.group && m.apiVersion === model.version && m.kind === model.kind,
        ),
      );
    });
  }, [models, loaded, modelFlags, setFlagValue]);
  const [providers] = useResolvedExtensions(isHookFlagProvider);
  return (
    <>
      {providers.map((p) => (
        <HookRunner key={p.uid} handler={p.properties.handler} />
      ))}
    </>
  );
};
