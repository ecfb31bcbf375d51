// Console's port: the only file of this module other modules may import (test/module-boundaries.test.ts).
// The console hosts the staff dashboard; modules fill it. It reads only identity.

/** The dashboard's extension point, and the scope (national or some agencies) a viewer's panels cover. */
export { consoleDashboard, dashboardScope } from './console.extensions.ts';
