// Credentials' port: the only file of this module other modules may import (test/module-boundaries.test.ts).
// Issuing and revoking are the platform's (src/platform/credentials/index.ts); this module serves the pages.

/** Where a certificate is checked and downloaded, without the language prefix of the verify page. */
export const certificateLinks = (serial: string) => ({ verify: `/verify/${serial}`, json: `/credentials/${serial}.json` });
