import { render, screen } from '@testing-library/react';
import { buildAllowOnlyPolicy } from '../mesh/security/authorization';
import { PolicyInPlainWords } from './PolicyInPlainWords';

describe('PolicyInPlainWords', () => {
  it('says what the policy does, callers named as the page names them', () => {
    const policy = buildAllowOnlyPolicy(
      {
        namespace: 'bookinfo',
        name: 'reviews-allowed-callers',
        matchLabels: { app: 'reviews' },
        callers: {
          workloads: [{ namespace: 'bookinfo', serviceAccount: 'bookinfo-productpage' }],
        },
        methods: ['GET'],
        paths: ['/reviews/*'],
      },
      'v1',
    );
    render(
      <PolicyInPlainWords
        policy={policy}
        rootNamespace="istio-system"
        describe={{ callerName: () => 'productpage' }}
      />,
    );
    expect(screen.getByTestId('policy-summary')).toHaveTextContent(
      'In plain words: reviews accepts calls only from productpage: GET /reviews/*',
    );
  });
});
