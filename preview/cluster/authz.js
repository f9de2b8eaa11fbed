'use strict';
// The two preview users. `admin` is cluster-admin (OpenShift's kube:admin); `developer` may
// only read (get/list/watch) in namespace `bookinfo`. Decisions and denial messages follow
// RBAC and the API server.

const USERS = {
  admin: { name: 'kube:admin', groups: ['system:cluster-admins', 'system:authenticated'] },
  developer: {
    name: 'developer',
    groups: ['system:authenticated:oauth', 'system:authenticated'],
  },
};

/** Map a user name (also an impersonated one) onto one of the two profiles. */
const profileOf = (name) =>
  name === 'admin' || name === 'kube:admin' || name === 'system:admin' ? 'admin' : 'developer';

const userInfo = (profile, nameOverride) => ({
  profile,
  ...USERS[profile],
  ...(nameOverride ? { name: nameOverride } : {}),
});

const READ_VERBS = ['get', 'list', 'watch'];

/** attrs: {verb, group, resource, subresource, namespace, name} */
const authorize = (user, attrs) => {
  if (user.profile === 'admin') {
    return {
      allowed: true,
      reason:
        'RBAC: allowed by ClusterRoleBinding "cluster-admins" of ClusterRole "cluster-admin" to Group "system:cluster-admins"',
    };
  }
  if (attrs.namespace === 'bookinfo' && READ_VERBS.includes(attrs.verb)) {
    return {
      allowed: true,
      reason:
        'RBAC: allowed by RoleBinding "view/bookinfo" of ClusterRole "view" to User "developer"',
    };
  }
  return { allowed: false, reason: '' };
};

/** The API server's Forbidden message for a denied request. */
const forbiddenMessage = (user, attrs) => {
  const res = attrs.subresource ? `${attrs.resource}/${attrs.subresource}` : attrs.resource;
  const qualified = attrs.group ? `${attrs.resource}.${attrs.group}` : attrs.resource;
  const subject = attrs.name ? `${qualified} "${attrs.name}"` : qualified;
  const scope = attrs.namespace ? `in the namespace "${attrs.namespace}"` : 'at the cluster scope';
  return `${subject} is forbidden: User "${user.name}" cannot ${attrs.verb} resource "${res}" in API group "${attrs.group || ''}" ${scope}`;
};

module.exports = { authorize, forbiddenMessage, profileOf, userInfo, USERS };
