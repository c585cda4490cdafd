// Runs test/support/read-burst.ts through tsx, as a separate process the crash test can kill.
import { register } from 'tsx/esm/api';

register();
await import('./read-burst.ts');
