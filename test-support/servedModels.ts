import { useK8sModels } from '@openshift-console/dynamic-plugin-sdk';

/** Tells the mocked SDK which kinds discovery serves, as `group~version~Kind` references. */
export const givenServed = (refs: string[]) => {
  const models = Object.fromEntries(
    refs.map((ref) => {
      const [group, version, kind] = ref.split('~');
      return [
        ref,
        {
          apiGroup: group === 'core' ? undefined : group,
          apiVersion: version,
          kind,
          plural: '',
          abbr: '',
          label: kind,
          labelPlural: kind,
        },
      ];
    }),
  );
  (useK8sModels as jest.Mock).mockReturnValue([models, false]);
};
