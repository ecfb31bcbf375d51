// Privacy's port: the only file of this module other modules may import (test/module-boundaries.test.ts).
// Modules never call privacy: they describe their personal data in their manifest's `personalData`
// (src/platform/personal-data.ts) and privacy reaches them through it.

/** Where a person downloads their data or asks for a correction or erasure (prefix the language). */
export const MY_DATA_PATH = '/my-data';
