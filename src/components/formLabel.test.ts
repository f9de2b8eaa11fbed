import type { TFunction } from 'i18next';
import { FORMS } from '../mesh/forms/registry';
import { formLabel } from './formLabel';

it('labels every form with its registry key', () => {
  const t = ((key: string) => key) as unknown as TFunction;
  for (const f of FORMS) expect(formLabel(t, f.id)).toBe(f.labelKey);
});
