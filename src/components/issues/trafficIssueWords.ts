import { issueText } from './issueText';
import type { IssueText, IssueWords, T } from './issueText';

/**
 * The name a count check gives a field (its `field` parameter is the API field's name). Unknown
 * fields are named as the API names them.
 */
const countField = (t: T, field: string): string => {
  switch (field) {
    case 'port':
      return t('Port');
    case 'attempts':
      return t('Retry attempts');
    case 'percent':
      return t('Delay percent');
    case 'httpStatus':
      return t('Abort HTTP status');
    case 'maxConnections':
      return t('Max connections');
    case 'http1MaxPendingRequests':
      return t('Max pending HTTP/1.1 requests');
    case 'http2MaxRequests':
      return t('Max HTTP/2 requests');
    case 'maxRequestsPerConnection':
      return t('Max requests per connection');
    case 'maxRetries':
      return t('Max retries');
    case 'maxConcurrentStreams':
      return t('Max concurrent streams');
    case 'consecutive5xxErrors':
      return t('Consecutive 5xx');
    case 'consecutiveGatewayErrors':
      return t('Consecutive gateway errors');
    case 'consecutiveLocalOriginFailures':
      return t('Consecutive local-origin failures');
    case 'consecutiveErrors':
      return t('Consecutive errors');
    case 'maxEjectionPercent':
      return t('Max ejection percent');
    case 'minHealthPercent':
      return t('Min health percent');
    default:
      return field;
  }
};

/** Words for durations and RE2 expressions (`duration.*`, `regex.*`, checked in mesh/primitives). */
const primitiveWords: IssueWords = (t, code, p) => {
  switch (code) {
    case 'duration.not-text':
      return t('Enter a duration such as 250ms, 5s or 1m30s.');
    case 'duration.invalid':
      return t('"{{value}}" is not a duration. Use a form such as 250ms, 5s or 1m30s.', p);
    case 'duration.too-short':
      return t('Duration must be at least 1ms.');
    case 'duration.too-short-or-zero':
      return t('Duration must be at least 1ms (or 0s to disable).');
    case 'duration.sub-millisecond':
      return t('Use whole milliseconds: Istio does not accept finer durations.');
    case 'regex.lone-backslash':
      return t('The expression ends with a lone "\\".');
    case 'regex.backreference':
      return t('Backreferences (\\1, \\k<name>) are not supported by RE2; rewrite without them.');
    case 'regex.lookaround':
      return t(
        'Look-ahead and look-behind ((?=…), (?!…), (?<=…), (?<!…)) are not supported by RE2.',
      );
    case 'regex.atomic-group':
      return t('Atomic groups (?>…) are not supported by RE2.');
    case 'regex.unbalanced-close':
      return t('Unbalanced ")" in the expression.');
    case 'regex.repeat-too-large':
      return t('Repeat counts above {{max}} are not supported by RE2.', p);
    case 'regex.repeat-invalid':
      return t('Invalid repeat count {{repeat}}.', p);
    case 'regex.possessive-repeat':
      return t('Possessive quantifiers (such as {2}+) are not supported by RE2.');
    case 'regex.possessive':
      return t('Possessive quantifiers (such as a*+) are not supported by RE2.');
    case 'regex.unterminated-class':
      return t('Unterminated "[" in the expression.');
    case 'regex.unbalanced-open':
      return t('Unbalanced "(" in the expression.');
    case 'regex.invalid':
      return t('This is not a valid regular expression.');
    default:
      return undefined;
  }
};

/** Words for the VirtualService and DestinationRule checks (`traffic.*`, mesh/traffic/validation). */
const objectWords: IssueWords = (t, code, p) => {
  switch (code) {
    case 'traffic.number.whole':
      return t('{{what}} must be a whole number.', { what: countField(t, String(p.field)) });
    case 'traffic.number.min':
      return t('{{what}} must be {{min}} or more.', {
        what: countField(t, String(p.field)),
        min: p.min,
      });
    case 'traffic.number.range':
      return t('{{what}} must be between {{min}} and {{max}}.', {
        what: countField(t, String(p.field)),
        min: p.min,
        max: p.max,
      });
    case 'traffic.percent.invalid':
      return t('Enter a percentage between 0 and 100.');
    case 'traffic.percent.range':
      return t('Percentage must be 0 or between 0.0001 and 100.');
    case 'traffic.destination.host-missing':
      return t('Choose a destination host.');
    case 'traffic.destination.host-wildcard':
      return t('A destination host cannot be "*". Name one service.');
    case 'traffic.destination.host-invalid':
      return t('"{{host}}" is not a valid host name. Use a service name or its FQDN.', p);
    case 'traffic.destination.subset-invalid':
      return t('Subset name must be a DNS-1123 label (lowercase letters, digits and "-").');
    case 'traffic.string-match.one-of':
      return t('Set exactly one of exact, prefix or regex.');
    case 'traffic.string-match.empty-prefix':
      return t('A prefix cannot be empty.');
    case 'traffic.string-match.empty-regex':
      return t('A regex cannot be empty.');
    case 'traffic.string-match.regex-too-long':
      return t('A regex can be at most {{max}} characters long.', p);
    case 'traffic.match.jwt-claim-needs-gateway':
      return t(
        'JWT claim matches work only on a VirtualService bound to a gateway; remove it or add a gateway.',
      );
    case 'traffic.match.header-name':
      return t('"{{name}}" is not a valid header name (letters, digits, "-" and "_").', p);
    case 'traffic.match.query-name-empty':
      return t('A query parameter name cannot be empty.');
    case 'traffic.match.source-namespace':
      return t('Source namespace must be a valid namespace name.');
    case 'traffic.weight.not-whole':
      return t('Weight must be a whole number.');
    case 'traffic.weight.negative':
      return t('Weight cannot be negative.');
    case 'traffic.weight.all-zero':
      return t('Give at least one destination a weight above 0: all weights are 0.');
    case 'traffic.weight.single-ignored':
      return t('A single destination receives all traffic; its weight is ignored.');
    case 'traffic.weight.missing':
      return t(
        'A destination without a weight receives no traffic when it has siblings; set a weight.',
      );
    case 'traffic.retries.disabled-setting':
      return t('Retries are disabled (0 attempts): remove this setting or set attempts.');
    case 'traffic.retries.retry-on-empty':
      return t('retryOn has an empty entry; remove the extra comma.');
    case 'traffic.retries.retry-on-unknown':
      return t(
        '"{{token}}" is not a retry condition. Use an HTTP status code or one of: {{allowed}}.',
        p,
      );
    case 'traffic.fault.empty':
      return t('Fault injection needs a delay, an abort, or both.');
    case 'traffic.fault.exponential-delay':
      return t('Exponential delay is not supported; use a fixed delay.');
    case 'traffic.fault.delay-missing':
      return t('Enter the delay to inject.');
    case 'traffic.fault.http2-error':
      return t('HTTP/2 error aborts are not supported yet; use an HTTP or gRPC status.');
    case 'traffic.fault.both-statuses':
      return t('Set either an HTTP status or a gRPC status, not both.');
    case 'traffic.fault.grpc-status':
      return t('"{{status}}" is not a gRPC status. Use a name such as UNAVAILABLE.', p);
    case 'traffic.fault.abort-no-status':
      return t('The abort has no HTTP or gRPC status; set one.');
    case 'traffic.rule.no-action':
      return t('Each HTTP rule needs a route (or a redirect or direct response).');
    case 'traffic.rule.redirect-conflict':
      return t('A rule with a redirect cannot also have {{field}}; remove one of them.', p);
    case 'traffic.rule.direct-response-conflict':
      return t('A rule with a direct response cannot also have {{field}}; remove one of them.', p);
    case 'traffic.rule.mirror-and-mirrors':
      return t('Use either mirror or mirrors, not both.');
    case 'traffic.rule.fault-ignores-resilience':
      return t('Timeouts and retries are not applied on a rule that injects faults.');
    case 'traffic.rule.unreachable':
      return t(
        'This rule is never used: rule {{rule}} has no match and takes all traffic first.',
        p,
      );
    case 'traffic.vs.no-routes':
      return t('Add at least one HTTP, TCP or TLS route.');
    case 'traffic.vs.delegate-gateways':
      return t('A VirtualService without hosts is a delegate and cannot name gateways.');
    case 'traffic.vs.delegate-http-only':
      return t('A VirtualService without hosts is a delegate and supports only HTTP routes.');
    case 'traffic.vs.mesh-wildcard-host':
      return t('Host "*" is not allowed on a VirtualService for the mesh; name the service.');
    case 'traffic.vs.host-invalid':
      return t('"{{host}}" is not a valid host. Use a service name, FQDN or *.domain.', p);
    case 'traffic.vs.host-overlap':
      return t('Host "{{host}}" duplicates or overlaps "{{other}}"; remove one.', p);
    case 'traffic.labels.key-invalid':
      return t('Label keys must be non-empty and cannot contain "*".');
    case 'traffic.labels.value-invalid':
      return t('Label values cannot contain "*" and are at most 63 characters.');
    case 'traffic.pool.empty':
      return t('A connection pool needs TCP or HTTP settings.');
    case 'traffic.pool.h2-upgrade-conflict':
      return t('Upgrading to HTTP/2 conflicts with "use client protocol"; turn one off.');
    case 'traffic.outlier.consecutive-errors-deprecated':
      return t('consecutiveErrors is deprecated; use consecutive5xxErrors instead.');
    case 'traffic.outlier.local-origin-needs-split':
      return t('Local-origin failures count only when splitExternalLocalOriginErrors is on.');
    case 'traffic.outlier.gateway-errors-ineffective':
      return t(
        'Gateway errors are also 5xx errors: set this below consecutive 5xx errors or it has no effect.',
      );
    case 'traffic.policy.empty':
      return t('A traffic policy needs at least one setting; remove it if empty.');
    case 'traffic.policy.lb-both':
      return t('Choose either a simple load balancer or consistent hashing, not both.');
    case 'traffic.policy.lb-unknown':
      return t('Load balancer must be one of {{allowed}}.', p);
    case 'traffic.policy.tunnel-and-proxy-protocol':
      return t('Tunnel and proxy protocol cannot be used together.');
    case 'traffic.policy.port-missing':
      return t('Port-level settings need a port number.');
    case 'traffic.policy.port-empty':
      return t('Port-level settings need at least one policy.');
    case 'traffic.dr.host-missing':
      return t('Enter the host this rule applies to.');
    case 'traffic.dr.host-invalid':
      return t('"{{host}}" is not a valid host. Use a service name or its FQDN.', p);
    case 'traffic.dr.export-own-namespace':
      return t('A rule with a workload selector can only be exported to its own namespace.');
    case 'traffic.dr.no-spec':
      return t('DestinationRule {{name}} has no spec (so no host); fix it in YAML first.', p);
    case 'traffic.subset.name-missing':
      return t('Each subset needs a name.');
    case 'traffic.subset.name-invalid':
      return t(
        'Subset name "{{name}}" must be a DNS-1123 label: lowercase letters, digits and "-", at most 63.',
        p,
      );
    case 'traffic.subset.duplicate':
      return t(
        'Subset "{{name}}" is defined twice (also subset {{other}}); rename or remove one.',
        p,
      );
    case 'traffic.subset.no-labels':
      return t('This subset has no labels, so it selects every pod of the host.');
    case 'traffic.subset.undefined':
      return t(
        'Subset "{{subset}}" is not defined in the DestinationRule for {{host}}; add it there first or requests will fail with 503.',
        p,
      );
    case 'traffic.subset.unused':
      return t(
        'No route in VirtualService {{virtualService}} sends traffic to subset "{{subset}}".',
        p,
      );
    case 'traffic.proposal.no-deployments':
      return t('The Service selects no Deployments, so no subsets can be proposed.');
    case 'traffic.proposal.subset-selects-nothing':
      return t(
        'Subset "{{subset}}" selects no pods of this Service; traffic sent to it fails with 503.',
        p,
      );
    case 'traffic.proposal.subset-scaled-to-zero':
      return t(
        'Subset "{{subset}}" selects only Deployments scaled to 0; traffic sent to it fails with 503.',
        p,
      );
    case 'traffic.proposal.deployment-uncovered':
      return t(
        'Deployment "{{deployment}}" has no "{{label}}" label matching a subset; a split cannot send traffic to it.',
        p,
      );
    default:
      return undefined;
  }
};

/** Words for the forms' own findings (`split.*`, `circuit-breaker.*`, `match.*`, `resilience.*`). */
const formWords: IssueWords = (t, code, p) => {
  switch (code) {
    case 'split.weights-sum':
      return t(
        'The weights add up to {{total}}, not 100. Istio sends each version its weight divided by the total: {{shares}}.',
        p,
      );
    case 'split.rule-not-splittable':
      return t(
        'The default route redirects, answers directly or delegates, so it cannot also split traffic. Edit it in YAML, or route with a new rule.',
      );
    case 'split.weight-range':
      return t('The weight of {{subset}} must be a whole number from 0 to 100.', p);
    case 'split.all-zero':
      return t('Give at least one version a weight above 0: all weights are 0.');
    case 'split.canary-no-steps':
      return t('Add at least one step.');
    case 'split.canary-step-range':
      return t('Each step is a whole percentage between 1 and 100.');
    case 'split.canary-step-order':
      return t('Step {{step}} must be larger than step {{previous}} ({{percent}}%).', p);
    case 'split.canary-last-step':
      return t('The last step must send 100% to the canary.');
    case 'split.waypoint-required':
      return t(
        'In an ambient namespace only a waypoint applies routes: the split has no effect until Service {{service}} uses waypoint {{waypoint}}.',
        p,
      );
    case 'circuit-breaker.whole-number':
      return t('{{field}} must be a whole number.', p);
    case 'circuit-breaker.no-subset':
      return t('Version {{subset}} has no subset in the DestinationRule; add it first.', p);
    case 'match.default-not-routable':
      return t(
        'The default rule redirects, responds directly or delegates; it cannot take a route. Edit it in YAML.',
      );
    case 'match.rule-name-empty':
      return t('Name the rule.');
    case 'match.rule-name-invalid':
      return t('Use lowercase letters, digits and "-" (at most {{max}} characters).', p);
    case 'match.rule-name-taken':
      return t('Another rule is named {{name}}.', p);
    case 'match.no-conditions':
      return t('Add at least one condition.');
    case 'match.no-versions':
      return t('Add at least one version.');
    case 'match.default-empty':
      return t('Send the other requests to at least one version.');
    case 'match.version-missing':
      return t('Choose a version.');
    case 'match.version-twice':
      return t('Version {{subset}} is listed twice.', p);
    case 'match.weight-missing':
      return t('Give each version a weight (0–100).');
    case 'match.weight-range':
      return t('Weight must be a whole number from 0 to 100.');
    case 'match.weights-sum':
      return t('Weights add up to {{total}}; they must add up to 100.', p);
    case 'match.name-empty':
      return t('Enter a name.');
    case 'match.method':
      return t('Choose an HTTP method such as GET or POST.');
    case 'match.label-value-empty':
      return t('Enter the label value.');
    case 'match.value-empty':
      return t('Enter a value.');
    case 'match.name-repeated':
      return t('"{{name}}" is already matched in this rule; a rule can check it once.', p);
    case 'match.uri-repeated':
      return t('This rule already has a uri condition; a rule can check it once.');
    case 'match.method-repeated':
      return t('This rule already has a method condition; a rule can check it once.');
    case 'resilience.attempts-not-whole':
      return t('Retry attempts must be a whole number.');
    case 'resilience.abort-status-not-whole':
      return t('Abort HTTP status must be a whole number.');
    case 'resilience.percentage':
      return t('Enter a percentage between 0 and 100.');
    case 'resilience.rule-gone':
      return t('The selected route does not exist any more; reload.');
    default:
      return undefined;
  }
};

/** Words for the Gateway API route checks, editors and version Services (`gateway.*`). */
const gatewayWords: IssueWords = (t, code, p) => {
  switch (code) {
    case 'gateway.name.invalid':
      return t(
        '"{{name}}" is not a valid name: use lowercase letters, digits, "-" and ".", at most 253 characters.',
        p,
      );
    case 'gateway.parents.too-many':
      return t('A route can attach to at most {{max}} parents.', p);
    case 'gateway.parent.section-invalid':
      return t(
        '"{{section}}" is not a valid section name: use lowercase letters, digits, "-" and ".".',
        p,
      );
    case 'gateway.parent.service-group':
      return t(
        'To attach to Service {{name}}, set group to "" (empty): without it the parent is a Gateway API kind, and the route attaches to nothing.',
        p,
      );
    case 'gateway.parent.section-mixed':
      return t(
        'The route attaches to {{name}} more than once: each reference to it must then name a sectionName.',
        p,
      );
    case 'gateway.parent.duplicate':
      return t(
        'The route already attaches to {{name}} (with the same section): references to one parent must differ by sectionName; the port does not count.',
        p,
      );
    case 'gateway.parent.service-missing':
      return t('Service {{name}}, a parent of this route, does not exist in the namespace.', p);
    case 'gateway.parent.port-missing':
      return t('Service {{name}} has no port {{port}}; the route attaches to nothing there.', p);
    case 'gateway.ref.group-invalid':
      return t('"{{group}}" is not a valid API group.', p);
    case 'gateway.ref.kind-invalid':
      return t('"{{kind}}" is not a valid kind.', p);
    case 'gateway.ref.name-missing':
      return t('Enter the name of the object referred to.');
    case 'gateway.ref.name-too-long':
      return t('Names are at most {{max}} characters.', p);
    case 'gateway.ref.namespace-invalid':
      return t('"{{namespace}}" is not a valid namespace name.', p);
    case 'gateway.port.invalid':
      return t('Port must be a whole number from 1 to 65535.');
    case 'gateway.hostnames.too-many':
      return t('A route can have at most {{max}} hostnames.', p);
    case 'gateway.hostname.invalid':
      return t(
        '"{{hostname}}" is not a valid hostname: use a lowercase DNS name, optionally starting with "*.".',
        p,
      );
    case 'gateway.rules.empty':
      return t('An HTTPRoute needs at least one rule.');
    case 'gateway.rules.too-many':
      return t('A route can have at most {{max}} rules.', p);
    case 'gateway.rule.name-invalid':
      return t(
        '"{{name}}" is not a valid rule name: use lowercase letters, digits, "-" and ".".',
        p,
      );
    case 'gateway.rule.name-duplicate':
      return t('Another rule of this route is named {{name}}; rule names must be unique.', p);
    case 'gateway.rule.redirect-with-backends':
      return t(
        'A rule that redirects cannot also send to backends: remove the backends or the RequestRedirect filter.',
      );
    case 'gateway.rule.replace-prefix-match':
      return t(
        'A ReplacePrefixMatch path rewrite or redirect needs exactly one match, on a PathPrefix path.',
      );
    case 'gateway.matches.too-many':
      return t('A rule can have at most {{max}} matches.', p);
    case 'gateway.matches.total':
      return t('The route has {{total}} matches in all; at most {{max}} are allowed.', p);
    case 'gateway.match.too-many-conditions':
      return t('A match can check at most {{max}} headers or query parameters.', p);
    case 'gateway.match.type-unknown':
      return t('"{{type}}" is not a match type: use Exact or RegularExpression.', p);
    case 'gateway.match.value-empty':
      return t('Enter a value.');
    case 'gateway.match.value-too-long':
      return t('The value is longer than {{max}} characters.', p);
    case 'gateway.match.method':
      return t('"{{method}}" is not an HTTP method such as GET or POST.', p);
    case 'gateway.header.name-invalid':
      return t('"{{name}}" is not a valid header name.', p);
    case 'gateway.header.duplicate':
      return t('Header "{{name}}" is listed twice; list each header once.', p);
    case 'gateway.query.name-invalid':
      return t('"{{name}}" is not a valid query parameter name.', p);
    case 'gateway.query.duplicate':
      return t('Query parameter "{{name}}" is listed twice; list each once.', p);
    case 'gateway.path.type-unknown':
      return t(
        '"{{type}}" is not a path match type: use Exact, PathPrefix or RegularExpression.',
        p,
      );
    case 'gateway.path.not-absolute':
      return t('The path must start with "/".');
    case 'gateway.path.too-long':
      return t('The path is longer than {{max}} characters.', p);
    case 'gateway.path.forbidden':
      return t('The path must not contain or end with "{{text}}".', p);
    case 'gateway.path.characters':
      // The characters go in as a value: "~" is the locale's namespace separator in a key.
      return t(
        'The path holds characters a URL path cannot: use letters, digits, "{{allowed}}" and %-escapes.',
        { allowed: "/-._~!$&'()*+,;=:@" },
      );
    case 'gateway.grpc.method-empty':
      return t('Name the gRPC service, the method, or both.');
    case 'gateway.grpc.too-long':
      return t('The name is longer than {{max}} characters.', p);
    case 'gateway.grpc.service-invalid':
      return t('"{{value}}" is not a gRPC service name such as pkg.Service.', p);
    case 'gateway.grpc.method-invalid':
      return t('"{{value}}" is not a gRPC method name: letters, digits and "_".', p);
    case 'gateway.filters.too-many':
      return t('At most {{max}} filters are allowed here.', p);
    case 'gateway.filter.type-unknown':
      return t('"{{type}}" is not a filter type this route accepts.', p);
    case 'gateway.filter.repeated':
      return t('A {{type}} filter may appear only once here.', p);
    case 'gateway.filter.config-missing':
      return t('A {{type}} filter needs its {{field}} settings.', p);
    case 'gateway.filter.config-unexpected':
      return t('A {{type}} filter cannot hold {{field}} settings.', p);
    case 'gateway.filter.redirect-and-rewrite':
      return t('RequestRedirect and URLRewrite filters cannot be combined.');
    case 'gateway.filter.too-many-headers':
      return t('At most {{max}} headers are allowed here.', p);
    case 'gateway.path-modifier.type':
      return t('"{{type}}" is not a path change: use ReplaceFullPath or ReplacePrefixMatch.', p);
    case 'gateway.path-modifier.mismatch':
      return t('A {{type}} path change needs {{field}} and only that.', p);
    case 'gateway.mirror.percent-and-fraction':
      return t('Give the mirrored share as a percent or as a fraction, not both.');
    case 'gateway.mirror.percent':
      return t('The mirrored percent must be a whole number from 0 to 100.');
    case 'gateway.mirror.fraction':
      return t(
        'The mirrored fraction needs whole numbers, a denominator of at least 1 and a numerator no larger than it.',
      );
    case 'gateway.redirect.scheme':
      return t('"{{scheme}}" is not a redirect scheme: use http or https.', p);
    case 'gateway.redirect.status':
      return t('{{status}} is not a redirect status: use 301, 302, 303, 307 or 308.', p);
    case 'gateway.backends.too-many':
      return t('A rule can send to at most {{max}} backends.', p);
    case 'gateway.backend.port-required':
      return t('Give the port of Service {{name}}: a Service backend needs one.', p);
    case 'gateway.backend.service-missing':
      return t(
        'Service {{name}} does not exist in the namespace; requests sent to it fail with 500.',
        p,
      );
    case 'gateway.backend.port-missing':
      return t('Service {{name}} has no port {{port}}; requests sent to it fail.', p);
    case 'gateway.weight.not-whole':
      return t('Weights are whole numbers.');
    case 'gateway.weight.range':
      return t('Weight must be between 0 and {{max}}.', p);
    case 'gateway.weight.all-zero':
      return t(
        'All weights are 0: requests this rule takes fail with 500. Give at least one backend a weight above 0.',
      );
    case 'gateway.timeout.format':
      return t(
        '"{{value}}" is not a Gateway API duration: use whole numbers with h, m, s or ms, such as 10s or 1m30s.',
        p,
      );
    case 'gateway.timeout.backend-longer':
      return t('The backend request timeout cannot be longer than the request timeout.');
    case 'gateway.split.rule-redirects':
      return t(
        'The default rule redirects, so it cannot also split traffic. Edit it in YAML, or route with a new rule.',
      );
    case 'gateway.timeout.grpc':
      return t('GRPCRoute rules have no timeouts; use an HTTPRoute for this Service to set them.');
    case 'gateway.rule.gone':
      return t('The selected rule does not exist any more; reload.');
    case 'gateway.version.no-deployments':
      return t('The Service selects no Deployments, so there are no versions to split between.');
    case 'gateway.version.no-label':
      return t(
        'Deployment "{{deployment}}" has no "{{label}}" label; a split cannot send traffic to it on its own.',
        p,
      );
    case 'gateway.version.scaled-to-zero':
      return t(
        'Version {{version}} has only Deployments scaled to 0; traffic sent to it fails.',
        p,
      );
    default:
      return undefined;
  }
};

/** Words for the traffic domain's issue codes. */
export const trafficIssueWords: IssueWords = (t, code, p) =>
  primitiveWords(t, code, p) ??
  objectWords(t, code, p) ??
  formWords(t, code, p) ??
  gatewayWords(t, code, p);

/** The sentence for an issue on the traffic pages. */
export const trafficIssueText: IssueText = (t, i) => issueText(t, i, trafficIssueWords);
