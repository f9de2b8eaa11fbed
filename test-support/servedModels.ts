import { useK8sModels } from '@openshift-console/dynamic-plugin-sdk';
import { consoleModelKey } from '../preview/host/consoleModelKeys';

/**
 * Tells the mocked SDK which kinds discovery serves, as `group~version~Kind` references, keyed
 * in the models map the way the real console keys them (bare kind for its built-in kinds).
 */
export const givenServed = (refs: string[]) => {
  const models = Object.fromEntries(
    refs.map((ref) => {
      const [group, version, kind] = ref.split('~');
      const model = {
        apiGroup: group === 'core' ? undefined : group,
        apiVersion: version,
        kind,
        plural: '',
        abbr: '',
        label: kind,
        labelPlural: kind,
      };
      return [consoleModelKey(model), model];
    }),
  );
  (useK8sModels as jest.Mock).mockReturnValue([models, false]);
};
