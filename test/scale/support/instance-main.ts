/** Child-process entry of a scale-test app instance (see `spawnInstance` in instance.ts). */
import { runInstanceMain } from './instance.ts';

await runInstanceMain();
