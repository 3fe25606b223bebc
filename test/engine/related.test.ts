import { describe, expect, it } from 'vitest';
import { resolveRules } from '../../src/engine/config.js';
import { defineRule, type RuleContext } from '../../src/engine/rule.js';
import { runRules } from '../../src/engine/run.js';
import { originLabel, type Finding, type Location } from '../../src/engine/types.js';
import { modelOf } from '../helpers/model.js';

/** A rule whose check is the test's own function. */
function probe(check: (context: RuleContext<'found'>) => void) {
  return defineRule({
    id: 'probe',
    meta: { description: 'test rule', severity: 'warning', tags: [], guide: 'none', messages: { found: 'Found it' } },
    check,
  });
}

async function run(texts: string | string[], check: (context: RuleContext<'found'>) => void): Promise<Finding[]> {
  const model = await modelOf(texts);
  return runRules(model, resolveRules([probe(check)], 'recommended', {}));
}

const span = (finding: { location: Location }) => {
  const { line, column, endLine, endColumn } = finding.location;
  return `${originLabel(finding.location)} ${line}:${column}-${endLine}:${endColumn}`;
};

describe('related locations', () => {
  it('positions each related node as the engine positions findings, across files', async () => {
    const findings = await run(
      [
        `
        global:
          tlsDisable: true
        `,
        `
        server:
          ha:
            replicas: 3
        `,
      ],
      (context) => {
        const model = context.model;
        context.report({
          node: model.get('server.ha.replicas')!,
          messageId: 'found',
          related: [{ node: model.get('global.tlsDisable')!, message: 'the other half' }],
        });
      },
    );
    expect(findings).toHaveLength(1);
    expect(span(findings[0]!)).toBe('layer2.yaml 3:15-3:16');
    expect(findings[0]!.relatedLocations).toEqual([
      {
        location: { kind: 'file', file: 'layer1.yaml', line: 2, column: 15, endLine: 2, endColumn: 19, yamlPath: ['global', 'tlsDisable'] },
        message: 'the other half',
      },
    ]);
  });

  it('drops related places that repeat the finding or each other, and leaves the field out when none remain', async () => {
    const findings = await run('server:\n  ha:\n    replicas: 3\n', (context) => {
      const replicas = context.model.get('server.ha.replicas')!;
      context.report({ node: replicas, messageId: 'found', related: [{ node: replicas, message: 'same place' }] });
      const ha = context.model.get('server.ha')!;
      context.report({
        node: ha,
        messageId: 'found',
        related: [
          { node: replicas, message: 'first' },
          { node: replicas, message: 'again' },
        ],
      });
    });
    expect(findings.map((finding) => finding.relatedLocations?.map((related) => `${span(related)} ${related.message}`))).toEqual([
      ['layer1.yaml 3:15-3:16 first'],
      undefined,
    ]);
    expect('relatedLocations' in findings[1]!).toBe(false);
  });
});

describe('chart defaults nothing in the file leads to', () => {
  it('anchors at the start of the file, zero-width, and says so in the message', async () => {
    const findings = await run('global:\n  tlsDisable: false\n', (context) => {
      context.report({ node: context.model.get('server.ha.replicas')!, messageId: 'found' });
    });
    expect(findings.map((finding) => [span(finding), finding.message, finding.fromChartDefault])).toEqual([
      ['layer1.yaml 1:1-1:1', 'Found it (chart default; not set in this file)', true],
    ]);
  });

  it('a missing key with no written ancestor goes to the start of the file too', async () => {
    const findings = await run('global:\n  tlsDisable: false\n', (context) => {
      context.reportMissing({ path: 'server.affinity.podAntiAffinity', messageId: 'found' });
    });
    expect(findings.map((finding) => [span(finding), finding.message, finding.location.yamlPath])).toEqual([
      ['layer1.yaml 1:1-1:1', 'Found it (chart default; not set in this file)', ['server', 'affinity', 'podAntiAffinity']],
    ]);
  });

  it('keeps the closest written ancestor when there is one, without the note', async () => {
    const findings = await run('global:\n  tlsDisable: false\nserver:\n  image:\n    tag: "1.16.1"\n', (context) => {
      context.report({ node: context.model.get('server.ha.replicas')!, messageId: 'found' });
    });
    expect(findings.map((finding) => [span(finding), finding.message])).toEqual([['layer1.yaml 3:1-3:7', 'Found it']]);
  });

  it('a missing key goes to the value that decides it when the file writes that value', async () => {
    const text = 'ui:\n  enabled: true\n  serviceType: LoadBalancer\n';
    const findings = await run(text, (context) => {
      const decidedBy = context.model.get('ui.serviceType');
      context.reportMissing({ path: 'ui.annotations', messageId: 'found', decidedBy });
      // Not written by the user: the closest written ancestor instead.
      context.reportMissing({
        path: 'server.service.annotations',
        messageId: 'found',
        decidedBy: context.model.get('server.service.type'),
      });
    });
    expect(findings.map((finding) => [span(finding), finding.location.yamlPath, finding.fromChartDefault])).toEqual([
      ['layer1.yaml 1:1-1:1', ['server', 'service', 'annotations'], true],
      ['layer1.yaml 3:16-3:28', ['ui', 'annotations'], true],
    ]);
  });
});
