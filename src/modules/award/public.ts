// Award's port: the only file of this module other modules may import (test/module-boundaries.test.ts).
// Award reads identity, catalog (the nominated service's published record) and plan (the agency's
// initiatives on track); no module reads award yet.
export {};
