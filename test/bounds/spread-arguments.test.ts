import { expect, it } from 'vitest';
import { collectSpreadArguments } from './collect.js';

// `Math.max(...rows)` or `out.push(...items)` puts every element on the call stack: past about 100,000
// elements it throws "Maximum call stack size exceeded". Where the array grows with the input, a loop
// or a reduce is the bounded form; the parser, the model and the engine use no spread arguments at all.
it('no call in src/parse, src/model or src/engine spreads an array into its arguments', () => {
  expect(collectSpreadArguments(['src/parse', 'src/model', 'src/engine'])).toEqual([]);
});
