// The API reports of the entry points (etc/*.api.md), from the built declarations in dist/.
//
//   node scripts/api-report.mjs          compare: fails when an entry point's surface differs from its
//                                        checked-in report (CI, `npm run api:check`)
//   node scripts/api-report.mjs --local  rewrite the reports (`npm run api:update`), then commit etc/
//
// One API Extractor config per entry point in api-extractor/ (base.json holds what they share).
import { mkdirSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Extractor, ExtractorConfig } from '@microsoft/api-extractor';

const CONFIGS = fileURLToPath(new URL('../api-extractor/', import.meta.url));
const localBuild = process.argv.includes('--local');
// API Extractor writes into the report folder but does not create it.
mkdirSync(fileURLToPath(new URL('../etc/', import.meta.url)), { recursive: true });

const failed = [];
const changed = [];
for (const name of readdirSync(CONFIGS).filter((file) => file.endsWith('.json') && file !== 'base.json')) {
  const config = ExtractorConfig.loadFileAndPrepare(join(CONFIGS, name));
  const result = Extractor.invoke(config, {
    localBuild,
    showVerboseMessages: false,
    printApiReportDiff: !localBuild,
  });
  const report = config.reportConfigs[0]?.fileName ?? name;
  if (result.apiReportChanged) changed.push(report);
  if (!result.succeeded) failed.push(report);
}

if (failed.length > 0 && localBuild) {
  console.error(`\nAPI Extractor failed for ${failed.join(', ')}: see its errors above.`);
} else if (localBuild) {
  console.log(
    changed.length === 0
      ? 'API reports unchanged.'
      : `API reports rewritten: ${changed.join(', ')}. Commit etc/.`,
  );
} else if (failed.length > 0) {
  console.error(
    `\nThe public surface differs from its API report (${failed.join(', ')}), or API Extractor warned.\n` +
      'If the change is meant, run `npm run api:update`, review the diff of etc/ and commit it with the change.',
  );
}
process.exitCode = failed.length > 0 ? 1 : 0;
