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

const listOr = (list, value) => (list || []).some((x) => x === '*' || x === value);

/**
 * What namespaced Roles bound to the user by RoleBindings grant, as RBAC evaluates them
 * (apiGroups, resources, verbs, resourceNames). Only what the console writes itself relies on
 * it: the Role and RoleBinding that let each user edit their own user-settings ConfigMap.
 */
const grantedByRoles = (rbac, user, attrs) => {
  if (!rbac || !attrs.namespace) return undefined;
  const resource = attrs.subresource ? `${attrs.resource}/${attrs.subresource}` : attrs.resource;
  for (const rb of rbac.roleBindings(attrs.namespace)) {
    const bound = (rb.subjects || []).some((s) => s.kind === 'User' && s.name === user.name);
    if (!bound || rb.roleRef?.kind !== 'Role') continue;
    const role = rbac.role(attrs.namespace, rb.roleRef.name);
    const rule = (role?.rules || []).find(
      (r) =>
        listOr(r.apiGroups, attrs.group || '') &&
        listOr(r.resources, resource) &&
        listOr(r.verbs, attrs.verb) &&
        (!r.resourceNames?.length || (attrs.name && r.resourceNames.includes(attrs.name))),
    );
    if (rule) {
      return {
        allowed: true,
        reason: `RBAC: allowed by RoleBinding "${rb.metadata.name}/${attrs.namespace}" of Role "${rb.roleRef.name}" to User "${user.name}"`,
      };
    }
  }
  return undefined;
};

/**
 * attrs: {verb, group, resource, subresource, namespace, name}; rbac (optional): the stored
 * Roles and RoleBindings, {roleBindings(ns), role(ns, name)}.
 */
const authorize = (user, attrs, rbac) => {
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
  return grantedByRoles(rbac, user, attrs) ?? { allowed: false, reason: '' };
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
