import { issueText } from './issueText';
import type { IssueText, IssueWords, T } from './issueText';

type Params = Record<string, string | number>;

/** KIA0207 in parts: which port, which workload and which policy make it STRICT are optional. */
const tlsDisabledStrict = (t: T, p: Params): string => {
  const head = p.port
    ? t(
        'This rule sends plaintext (tls.mode DISABLE) to port {{port}} of {{host}}, whose workloads only accept mTLS (STRICT): every such request is refused.',
        p,
      )
    : t(
        'This rule sends plaintext (tls.mode DISABLE) to {{host}}, whose workloads only accept mTLS (STRICT): every such request is refused.',
        p,
      );
  const workload = p.workload ? ` ${t('Workload {{workload}} is STRICT.', p)}` : '';
  const policy = p.peerAuthentication
    ? ` ${t('PeerAuthentication {{peerAuthentication}} makes it so.', p)}`
    : '';
  return `${head}${workload}${policy} ${t('Remove the DISABLE setting or use ISTIO_MUTUAL.')}`;
};

/**
 * Words for the problems found in the cluster's configuration (`config.*`; the list with
 * severities and Kiali codes is CONFIG_CODES in mesh/config/configCodes). Each names the thing
 * that is wrong and what it does to traffic.
 */
export const configIssueWords: IssueWords = (t, code, p) => {
  switch (code) {
    // One of Kiali's own checks that ours do not make: Kiali's message, in Kiali's English (its
    // codes are documented, its messages are not ours to translate).
    case 'config.kiali':
      return t('Kiali reports {{kia}}: {{message}}', p);
    // VirtualService
    case 'config.vs.host-not-found':
      return t(
        'Destination {{host}} is neither a Service nor a ServiceEntry host: requests routed to it fail with 503.',
        p,
      );
    case 'config.vs.gateway-not-found':
      return t(
        'Gateway {{gateway}} does not exist: the routes bound to it are not served anywhere.',
        p,
      );
    case 'config.vs.single-weight':
      return t(
        'The only destination of this route has weight {{weight}}: it receives all the traffic anyway. Remove the weight or set it to 100.',
        p,
      );
    case 'config.vs.repeated-destination':
      return p.subset
        ? t(
            'Subset {{subset}} of {{host}} appears more than once in this route: the split does not split. Merge the destinations.',
            p,
          )
        : t(
            '{{host}} appears more than once in this route: the split does not split. Merge the destinations.',
            p,
          );
    case 'config.vs.host-in-several':
      return t(
        'VirtualService {{other}} also routes {{host}} on {{gateway}}: sidecars use only one of them, so some routes are silently ignored. Merge them into one VirtualService.',
        p,
      );
    case 'config.vs.subset-not-found':
      return t(
        'No DestinationRule defines subset {{subset}} of {{host}}: requests routed to it fail with 503 (no healthy upstream).',
        p,
      );
    case 'config.export-to.namespace-not-found':
      return t('exportTo names namespace {{namespace}}, which does not exist.', p);

    // DestinationRule
    case 'config.dr.host-not-found':
      return t(
        'Host {{host}} is neither a Service nor a ServiceEntry host: this rule applies to nothing.',
        p,
      );
    case 'config.dr.subset-no-workloads':
      return t(
        'The labels of subset {{subset}} match no pod of {{host}}: requests routed to it fail with 503 (no healthy upstream).',
        p,
      );
    case 'config.dr.subset-in-several':
      return t(
        'DestinationRule {{other}} also defines subset {{subset}} for this host: Istio keeps only the older definition.',
        p,
      );
    case 'config.dr.host-in-several':
      return t(
        'DestinationRule {{other}} also applies to {{host}} in this namespace: Istio keeps only the older rule, so one of them is ignored.',
        p,
      );
    case 'config.dr.subset-no-labels':
      return t(
        'Subset {{subset}} has no labels, so it selects every pod of the host: it is no version at all.',
        p,
      );
    case 'config.dr.tls-disabled-strict':
      return tlsDisabledStrict(t, p);
    case 'config.dr.port-not-found':
      return t('Port {{port}} is not a port of {{host}}: the settings for it are never used.', p);

    // Selectors of PeerAuthentication, RequestAuthentication, Sidecar and AuthorizationPolicy
    case 'config.selector.no-workload':
      return t(
        'The selector matches no workload in this namespace: this object applies to nothing.',
      );
    case 'config.selectorless.several':
      return t(
        '{{other}} also applies to the whole namespace (no selector): Istio uses only one of them, so which one wins is not obvious. Keep one.',
        p,
      );
    case 'config.selector.several':
      return t(
        '{{other}} also selects workload {{workload}}: Istio uses only one of them for it. Make the selectors pick different workloads.',
        p,
      );

    // PeerAuthentication
    case 'config.pa.port-not-found':
      return t('No selected workload listens on port {{port}}: its mTLS setting does nothing.', p);
    case 'config.pa.port-is-service-port':
      return t(
        'Port {{port}} is the Service port; portLevelMtls takes the workload port, here {{targetPort}}. The setting does nothing as written.',
        p,
      );

    // AuthorizationPolicy
    case 'config.ap.namespace-not-found':
      return t('Namespace {{namespace}} does not exist: this source matches no caller.', p);
    case 'config.ap.service-account-not-found':
      return t(
        '{{value}} names service account {{serviceAccount}} in {{namespace}}, which does not exist: no caller has that identity.',
        p,
      );
    case 'config.ap.method-unknown':
      return t(
        '{{method}} is not an HTTP method (they are upper case, e.g. GET): no request matches it.',
        p,
      );

    // RequestAuthentication
    case 'config.ra.token-optional':
      return t(
        'Requests without a token still reach {{workload}}: this only rejects invalid tokens. Add an AuthorizationPolicy that requires a request principal to make the token mandatory.',
        p,
      );

    // Service
    case 'config.service.port-name':
      return p.name
        ? t(
            'Port {{port}} is named "{{name}}", which does not start with a protocol (http-, grpc-, tcp-…): Istio has to guess its protocol. Rename it or set appProtocol.',
            p,
          )
        : t(
            'Port {{port}} has no name, so Istio has to guess its protocol. Name it after its protocol (http, grpc, tcp…) or set appProtocol.',
            p,
          );
    case 'config.service.app-protocol':
      return t(
        'appProtocol "{{appProtocol}}" is not a protocol Istio knows (http, grpc, tcp…): it has to guess the port’s protocol.',
        p,
      );
    default:
      return undefined;
  }
};

/** The sentence for an issue on the config pages. */
export const configIssueText: IssueText = (t, i) => issueText(t, i, configIssueWords);
