import { issueText } from './issueText';
import type { IssueText, IssueWords } from './issueText';

/** Words for the ingress domain's codes (`ingress.*`, listed in mesh/ingress/issueCodes). */
export const ingressIssueWords: IssueWords = (t, code, p) => {
  switch (code) {
    case 'ingress.gateway.name-invalid':
      return t(
        '"{{value}}" is not a valid Gateway name: use at most 63 lowercase letters, digits and "-", starting and ending with a letter or digit.',
        p,
      );
    case 'ingress.route.name-invalid':
      return t(
        '"{{value}}" is not a valid HTTPRoute name: use lowercase letters, digits, "-" and ".", starting and ending with a letter or digit.',
        p,
      );
    case 'ingress.hostname.invalid':
      return t(
        '"{{value}}" is not a host name: use lowercase letters, digits and "-" in dot-separated labels of at most 63 characters, such as shop.example.com.',
        p,
      );
    case 'ingress.hostname.ip':
      return t('"{{value}}" is an IP address; a Gateway matches host names only.', p);
    case 'ingress.hostname.wildcard':
      return t(
        '"{{value}}": a wildcard may only be the whole first label, as in *.example.com.',
        p,
      );
    case 'ingress.hostname.too-long':
      return t('A host name has at most 253 characters.');
    case 'ingress.port.invalid':
      return t('Enter a port from 1 to 65535.');
    case 'ingress.path.invalid':
      return t(
        '"{{value}}" is not a path prefix: start with "/", without "//", "." or ".." segments, "%2F" or "#".',
        p,
      );
    case 'ingress.class.required':
      return t('Choose the class of the new Gateway.');
    case 'ingress.class.not-offered':
      return t(
        'GatewayClass {{className}} is not offered on this cluster: it does not exist or its controller has not accepted it.',
        p,
      );
    case 'ingress.class.openshift-namespace':
      return t(
        'OpenShift runs Gateways of class {{className}} that are in namespace {{namespace}}; one in this namespace may never get an address. Ask an administrator for a Gateway there, then choose it as an existing Gateway.',
        p,
      );
    case 'ingress.gateway.required':
      return t('Choose the Gateway to expose the service through.');
    case 'ingress.gateway.name-taken':
      return t(
        'A Gateway named {{name}} already exists in this namespace: choose it as an existing Gateway, or another name.',
        p,
      );
    case 'ingress.gateway.not-found':
      return t('Gateway {{gateway}} does not exist (or you may not read it).', p);
    case 'ingress.gateway.waypoint':
      return t(
        'Gateway {{gateway}} is a waypoint: it carries traffic inside the mesh, not from outside the cluster.',
        p,
      );
    case 'ingress.listener.not-found':
      return t('Gateway {{gateway}} has no listener named {{listener}}.', p);
    case 'ingress.listener.not-http':
      return t(
        'Listener {{listener}} speaks {{protocol}}; an HTTPRoute attaches only to HTTP and HTTPS listeners.',
        p,
      );
    case 'ingress.listener.namespace-not-allowed':
      return t('Listener {{listener}} does not admit routes from namespace {{namespace}}.', p);
    case 'ingress.listener.none-allows':
      return t(
        'No HTTP listener of Gateway {{gateway}} admits routes from namespace {{namespace}}.',
        p,
      );
    case 'ingress.hostname.no-listener-match':
      return t(
        'The listener accepts only {{listenerHostnames}}, so requests for {{hostname}} would never reach this route.',
        p,
      );
    case 'ingress.service-port.required':
      return t('Choose the port of the service that receives the requests.');
    case 'ingress.service-port.not-found':
      return t('Service {{service}} has no port {{port}}.', p);
    case 'ingress.route.name-taken':
      return t(
        'An HTTPRoute named {{name}} already exists and does not expose this service; rename or remove it first.',
        p,
      );
    default:
      return undefined;
  }
};

/** The sentence for an issue on the ingress form. */
export const ingressIssueText: IssueText = (t, i) => issueText(t, i, ingressIssueWords);
