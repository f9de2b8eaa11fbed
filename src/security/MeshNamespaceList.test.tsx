import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { MemoryRouter } from 'react-router';
import { MeshNamespaceList } from './MeshNamespaceList';

describe('MeshNamespaceList', () => {
  it('links each member namespace to its Security page, and filters them by name', async () => {
    render(
      <MemoryRouter>
        <MeshNamespaceList namespaces={['bookinfo', 'app-10', 'app-9']} />
      </MemoryRouter>,
    );
    const links = () =>
      within(screen.getByTestId('member-namespaces'))
        .getAllByRole('link')
        .map((a) => [a.textContent, a.getAttribute('href')]);
    expect(links()).toEqual([
      ['app-9', '/service-mesh/security/ns/app-9'],
      ['app-10', '/service-mesh/security/ns/app-10'],
      ['bookinfo', '/service-mesh/security/ns/bookinfo'],
    ]);
    await userEvent.type(screen.getByRole('textbox', { name: 'Search by name...' }), 'app');
    expect(links().map(([name]) => name)).toEqual(['app-9', 'app-10']);
  });
});
