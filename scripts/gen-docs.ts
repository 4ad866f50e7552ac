/** Regenerate the files derived from the scenario schema: scenarios/scenario.schema.json and scenarios/README.md. */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { scenarioJsonSchema, scenarioReadme } from './commands/describe.js';
import { packageRoot } from '../sim/packageRoot.js';

const dir = join(packageRoot(), 'scenarios');
writeFileSync(join(dir, 'scenario.schema.json'), scenarioJsonSchema());
writeFileSync(join(dir, 'README.md'), scenarioReadme());
process.stdout.write(`wrote ${join(dir, 'scenario.schema.json')} and ${join(dir, 'README.md')}\n`);
