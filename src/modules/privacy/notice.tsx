import { fill } from '../../platform/views/extensions.ts';
import { privacyNoticeSections } from '../site/public.ts';
import { dataRegister } from './register.ts';
import { NoticeSection } from './views/register.views.tsx';

/** The register, as a bilingual table, under the office's text of the public privacy notice. */
export const privacyNoticeFill = fill(privacyNoticeSections, {
  name: 'privacy.register',
  order: 10,
  load: (deps) => dataRegister(deps),
  render: (entries) => <NoticeSection entries={entries} />,
});
