// Measure's port: the only file of this module other modules may import (test/module-boundaries.test.ts).
// No other module reads measure yet; reports will read scores and results through this file, and
// whatever they need is exported here first.
export {};
