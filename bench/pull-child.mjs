// One pull in a fresh process, so its peak RSS is its own: the memory and scale cases.
import { childMain, peakRssMb } from './lib.mjs';
import { PULLERS } from './pulls.mjs';

await childMain(async (input) => {
  const startRssMb = process.memoryUsage().rss / 1024 / 1024;
  const result = await PULLERS[input.puller ?? 'sdk'](input);
  return { ...result, peakRssMb: peakRssMb(), startRssMb };
});
