/** Console feature flags this plugin sets; extensions and pages gate on them. */
export const FLAG_MESH_SAIL = 'MESH_SAIL'; // sailoperator.io (Service Mesh 3) API served
export const FLAG_MESH_MAISTRA = 'MESH_MAISTRA'; // maistra.io (Service Mesh 2.x) API served
export const FLAG_ISTIO_NETWORKING = 'MESH_ISTIO_NETWORKING'; // networking.istio.io, any version
export const FLAG_ISTIO_SECURITY = 'MESH_ISTIO_SECURITY'; // security.istio.io, any version
