/**
 * `npm run bench`: runs every benchmark module in turn. Each module exports `run()`; add new ones to the list.
 * Performance is measured here only, never asserted in tests.
 */
import { run as botPreview } from './botPreview.bench.ts';
import { run as pacing } from './pacing.bench.ts';
import { run as planner } from './planner.bench.ts';

const benches: readonly { readonly name: string; readonly run: () => unknown }[] = [
  { name: 'planner', run: planner },
  { name: 'pacing', run: pacing },
  { name: 'bot /preview', run: botPreview },
];

for (const bench of benches) {
  console.log(`\n== ${bench.name} ==`);
  await bench.run();
}
