// Site's port: the only file of this module other modules may import (test/module-boundaries.test.ts).

import { extensionPoint } from '../../platform/views/extensions.ts';

/** Where the privacy notice is, for forms that collect personal data to link to (prefix the language). */
export const PRIVACY_PATH = '/privacy';

/** Sections other modules add to the privacy notice, after the office's text (privacy adds the register of personal data). */
export const privacyNoticeSections = extensionPoint<Record<string, never>>('site.privacy_notice');
