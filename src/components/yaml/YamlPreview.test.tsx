import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { YamlPreview } from './YamlPreview';

const OBJECTS = [
  { apiVersion: 'networking.istio.io/v1', kind: 'DestinationRule', metadata: { name: 'reviews' } },
  { apiVersion: 'networking.istio.io/v1', kind: 'VirtualService', metadata: { name: 'reviews' } },
];

describe('YamlPreview', () => {
  it('prints nothing while folded', () => {
    render(<YamlPreview objects={OBJECTS} id="split" />);
    expect(document.getElementById('yaml-split')).toBeNull();
    expect(screen.queryByText(/kind: DestinationRule/)).toBeNull();
  });

  it('shows every object as one YAML stream', async () => {
    render(<YamlPreview objects={OBJECTS} id="split" />);
    await userEvent.click(
      screen.getByRole('button', { name: 'Show the YAML that will be created' }),
    );
    // The YAML printer loads when the section first opens.
    const text = (await screen.findByText(/kind: DestinationRule/)).textContent ?? '';
    expect(text).toContain('kind: DestinationRule');
    expect(text).toContain('---\napiVersion: networking.istio.io/v1\nkind: VirtualService');
  });

  it('downloads the same YAML as a file named after the form', async () => {
    const blobs: Blob[] = [];
    URL.createObjectURL = jest.fn((b: Blob) => {
      blobs.push(b);
      return 'blob:yaml';
    });
    URL.revokeObjectURL = jest.fn();
    const clicks: { href: string; download: string }[] = [];
    jest.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (
      this: HTMLAnchorElement,
    ) {
      clicks.push({ href: this.href, download: this.download });
    });
    render(<YamlPreview objects={OBJECTS} id="split" />);
    await userEvent.click(
      screen.getByRole('button', { name: 'Show the YAML that will be created' }),
    );
    await userEvent.click(await screen.findByRole('button', { name: 'Download YAML' }));
    expect(clicks).toEqual([{ href: 'blob:yaml', download: 'split.yaml' }]);
    // jsdom's Blob has no text(); FileReader reads it as a browser would.
    const content = await new Promise<string>((resolve) => {
      const reader = new FileReader();
      reader.onload = () => resolve(String(reader.result));
      reader.readAsText(blobs[0]);
    });
    expect(content).toBe(document.getElementById('yaml-split')?.textContent);
  });
});
