import type {
  ConditionSummary,
  OperationSummary,
  PolicyDescription,
  RuleDescription,
  SourceDescription,
  TargetDescription,
} from '../../mesh/security/authorization';
import type { T } from './issueText';

/*
 * An AuthorizationPolicy in plain words, e.g. "reviews accepts calls only from productpage: GET
 * /reviews/*". Every word and every joint between phrases is a literal t('…') call, so a
 * language can reorder the phrases, use its own list separators, or drop the spaces.
 */

/** Joins items pairwise with `join`; no items is the empty string. */
const joined = (items: string[], join: (list: string, item: string) => string): string =>
  items.length === 0 ? '' : items.reduce(join);

/** "a, b, c": items one after another. */
const commas = (t: T, items: string[]): string =>
  joined(items, (list, item) => t('{{list}}, {{item}}', { list, item }));

/** "a, b or c": alternatives. */
export const orList = (t: T, items: string[]): string =>
  items.length <= 1
    ? (items[0] ?? '')
    : t('{{list}} or {{item}}', {
        list: commas(t, items.slice(0, -1)),
        item: items[items.length - 1],
      });

/** "a and b and c": all of them. */
const andList = (t: T, items: string[]): string =>
  joined(items, (list, item) => t('{{list}} and {{item}}', { list, item }));

/** "a; b": separate statements, e.g. several policies. */
export const semicolonList = (t: T, items: string[]): string =>
  joined(items, (list, item) => t('{{list}}; {{item}}', { list, item }));

/** Two phrases side by side ("GET /reviews/*", "productpage namespace qa"). */
const beside = (t: T, parts: string[]): string =>
  joined(parts.filter(Boolean), (before, after) => t('{{before}} {{after}}', { before, after }));

const targetText = (t: T, target: TargetDescription): string => {
  switch (target.kind) {
    case 'workload':
      return target.name;
    case 'targetRefs':
      return orList(
        t,
        target.refs.map((r) => t('{{kind}} {{name}}', { kind: r.kind, name: r.name })),
      );
    case 'mesh':
      return t('every workload in the mesh');
    default:
      return t('every workload in namespace {{namespace}}', { namespace: target.namespace });
  }
};

const sourceText = (t: T, src: SourceDescription): string => {
  const parts: string[] = [];
  if (src.callers.length) parts.push(orList(t, src.callers));
  if (src.namespaces.length) {
    parts.push(t('namespace {{namespaces}}', { namespaces: orList(t, src.namespaces) }));
  }
  if (src.ipBlocks.length)
    parts.push(t('IP {{addresses}}', { addresses: orList(t, src.ipBlocks) }));
  if (src.remoteIpBlocks.length) {
    parts.push(t('client IP {{addresses}}', { addresses: orList(t, src.remoteIpBlocks) }));
  }
  const who = beside(t, parts);
  let positive = who;
  if (src.token?.kind === 'any') {
    // "anyone with a valid end-user token" when the token is the only condition.
    positive = who
      ? t('{{callers}} with a valid end-user token', { callers: who })
      : t('anyone with a valid end-user token');
  } else if (src.token?.kind === 'of') {
    const principals = orList(t, src.token.principals);
    positive = who
      ? t('{{callers}} with an end-user token of {{principals}}', { callers: who, principals })
      : t('anyone with an end-user token of {{principals}}', { principals });
  }
  const not: string[] = [];
  if (src.notCallers.length) not.push(orList(t, src.notCallers));
  if (src.notNamespaces.length) {
    not.push(t('namespace {{namespaces}}', { namespaces: orList(t, src.notNamespaces) }));
  }
  if (src.notIpBlocks.length) {
    not.push(t('IP {{addresses}}', { addresses: orList(t, src.notIpBlocks) }));
  }
  if (src.notRemoteIpBlocks.length) {
    not.push(t('client IP {{addresses}}', { addresses: orList(t, src.notRemoteIpBlocks) }));
  }
  if (src.notRequestPrincipals.length) {
    not.push(t('end-user {{principals}}', { principals: orList(t, src.notRequestPrincipals) }));
  }
  if (!not.length) return positive || t('anyone');
  const exceptions = andList(t, not);
  return positive
    ? t('{{callers}}, except {{exceptions}}', { callers: positive, exceptions })
    : t('anyone except {{exceptions}}', { exceptions });
};

const operationText = (t: T, op: OperationSummary): string => {
  const parts: string[] = [];
  parts.push(
    beside(t, [
      op.methods.length ? commas(t, op.methods) : '',
      op.paths.length ? commas(t, op.paths) : '',
    ]),
  );
  if (op.ports.length) parts.push(t('on port {{ports}}', { ports: orList(t, op.ports) }));
  if (op.hosts.length) parts.push(t('to host {{hosts}}', { hosts: orList(t, op.hosts) }));
  const not = [
    op.notMethods.length ? commas(t, op.notMethods) : '',
    op.notPaths.length ? commas(t, op.notPaths) : '',
    op.notPorts.length ? t('port {{ports}}', { ports: orList(t, op.notPorts) }) : '',
    op.notHosts.length ? t('host {{hosts}}', { hosts: orList(t, op.notHosts) }) : '',
  ].filter(Boolean);
  if (not.length) parts.push(t('except {{exceptions}}', { exceptions: andList(t, not) }));
  return beside(t, parts) || t('any request');
};

const conditionText = (t: T, c: ConditionSummary): string =>
  andList(
    t,
    [
      c.values.length
        ? t('{{attribute}} is {{values}}', { attribute: c.key, values: orList(t, c.values) })
        : '',
      c.notValues.length
        ? t('{{attribute}} is not {{values}}', {
            attribute: c.key,
            values: orList(t, c.notValues),
          })
        : '',
    ].filter(Boolean),
  );

const ruleText = (t: T, r: RuleDescription): string => {
  let text = r.sources.length
    ? orList(
        t,
        r.sources.map((s) => sourceText(t, s)),
      )
    : t('anyone');
  if (r.operations.length) {
    text = t('{{callers}}: {{operations}}', {
      callers: text,
      operations: semicolonList(
        t,
        r.operations.map((op) => operationText(t, op)),
      ),
    });
  }
  if (r.conditions.length) {
    text = t('{{calls}} when {{conditions}}', {
      calls: text,
      conditions: andList(
        t,
        r.conditions.map((c) => conditionText(t, c)),
      ),
    });
  }
  return text;
};

/** The sentence for a policy (see `describePolicy`), in the user's language. */
export const policyText = (t: T, d: PolicyDescription): string => {
  const target = targetText(t, d.target);
  const rules = () =>
    joined(
      d.rules.map((r) => ruleText(t, r)),
      (list, rule) => t('{{rules}}; or from {{rule}}', { rules: list, rule }),
    );
  switch (d.effect) {
    case 'allow-nothing':
      return t('{{target}} accepts no calls, except those another ALLOW policy allows', {
        target,
      });
    case 'allow-all':
      return t('{{target}} accepts all calls', { target });
    case 'allow-matching':
      return t('{{target}} accepts calls only from {{rules}}', { target, rules: rules() });
    case 'deny-all':
      return t('{{target}} refuses all calls', { target });
    case 'deny-matching':
      return t('{{target}} refuses calls from {{rules}}', { target, rules: rules() });
    case 'audit-all':
      return t('Every call to {{target}} is audited', { target });
    case 'audit-matching':
      return t('Calls to {{target}} from {{rules}} are audited', { target, rules: rules() });
    case 'custom-all':
      return d.provider
        ? t('Every call to {{target}} is checked by {{provider}}', {
            target,
            provider: d.provider,
          })
        : t('Every call to {{target}} is checked by an external authorizer', { target });
    case 'custom-matching':
      return d.provider
        ? t('Calls to {{target}} from {{rules}} are checked by {{provider}}', {
            target,
            rules: rules(),
            provider: d.provider,
          })
        : t('Calls to {{target}} from {{rules}} are checked by an external authorizer', {
            target,
            rules: rules(),
          });
    default:
      return t('This {{action}} policy has no rules, so Istio rejects it', { action: d.action });
  }
};
