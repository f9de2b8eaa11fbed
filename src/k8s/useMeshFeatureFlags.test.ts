import { useK8sModels } from '@openshift-console/dynamic-plugin-sdk';
import { renderHook } from '@testing-library/react';
import useMeshFeatureFlags from './useMeshFeatureFlags';

const model = (apiGroup: string, apiVersion: string, kind: string) => ({
  apiGroup,
  apiVersion,
  kind,
  plural: '',
  abbr: '',
  label: '',
  labelPlural: '',
});

describe('useMeshFeatureFlags', () => {
  it('sets the Istio API flags whichever version is served (v1beta1 on Service Mesh 2.6)', () => {
    (useK8sModels as jest.Mock).mockReturnValue([
      {
        'networking.istio.io~v1beta1~VirtualService': model(
          'networking.istio.io',
          'v1beta1',
          'VirtualService',
        ),
        'security.istio.io~v1beta1~AuthorizationPolicy': model(
          'security.istio.io',
          'v1beta1',
          'AuthorizationPolicy',
        ),
      },
      false,
    ]);
    const setFlag = jest.fn();
    renderHook(() => useMeshFeatureFlags(setFlag));
    expect(setFlag).toHaveBeenCalledWith('MESH_ISTIO_NETWORKING', true);
    expect(setFlag).toHaveBeenCalledWith('MESH_ISTIO_SECURITY', true);
  });

  it('clears them when Istio is not installed, and waits while discovery is in flight', () => {
    const setFlag = jest.fn();
    (useK8sModels as jest.Mock).mockReturnValue([{}, true]);
    const { rerender } = renderHook(() => useMeshFeatureFlags(setFlag));
    expect(setFlag).not.toHaveBeenCalled();
    (useK8sModels as jest.Mock).mockReturnValue([{ 'core~v1~Pod': model('', 'v1', 'Pod') }, false]);
    rerender();
    expect(setFlag).toHaveBeenCalledWith('MESH_ISTIO_NETWORKING', false);
    expect(setFlag).toHaveBeenCalledWith('MESH_ISTIO_SECURITY', false);
  });
});
