// Privacy's port: the only file of this module other modules may import (test/module-boundaries.test.ts).
// Modules never call privacy: they describe their personal data in their manifest's `personalData`
// (src/platform/personal-data.ts) and privacy reaches them through it. Consents too: a module records
// one with the platform's recordConsent / withdrawConsent, which hand it to the register privacy
// offers through its own port (notify and participate sit below privacy and cannot import this file).

/** Where a person downloads their data or asks for a correction or erasure (prefix the language). */
export const MY_DATA_PATH = '/my-data';
