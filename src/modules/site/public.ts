// Site's port: the only file of this module other modules may import (test/module-boundaries.test.ts).

/** Where the privacy notice is, for forms that collect personal data to link to (prefix the language). */
export const PRIVACY_PATH = '/privacy';
