/**
 * Regenerate the generated docs: scenarios/scenario.schema.json and scenarios/README.md (from the scenario
 * schema), docs/columns.md (from the codebook).
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { scenarioJsonSchema, scenarioReadme } from './commands/describe.js';
import { packageRoot } from '../sim/packageRoot.js';
import { codebookMarkdown } from '../sim/run/codebook.js';

const dir = join(packageRoot(), 'scenarios');
writeFileSync(join(dir, 'scenario.schema.json'), scenarioJsonSchema());
writeFileSync(join(dir, 'README.md'), scenarioReadme());
writeFileSync(join(packageRoot(), 'docs', 'columns.md'), codebookMarkdown());
process.stdout.write(
  `wrote ${join(dir, 'scenario.schema.json')}, ${join(dir, 'README.md')} and ` +
    `${join(packageRoot(), 'docs', 'columns.md')}\n`,
);
