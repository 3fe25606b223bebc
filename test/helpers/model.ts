import { buildModel, type LintOptions } from '../../src/engine/lint.js';
import type { Model } from '../../src/model/model.js';
import { dedent } from './rule-tester.js';

/** Build the model of one values text (dedented), or of several layered texts. */
export async function modelOf(texts: string | string[], options: LintOptions = {}): Promise<Model> {
  const list = Array.isArray(texts) ? texts : [texts];
  return buildModel(
    { layers: list.map((text, index) => ({ kind: 'file', label: `layer${index + 1}.yaml`, text: dedent(text) })) },
    options,
  );
}
