import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadYaml, readRepoFile } from './helpers.js';
import { CHART_VERSIONS, type ChartVersion } from '../../src/model/chart/versions.js';
import { PROFILE_CHANGES } from '../../src/model/chart/profile.js';
import { GENERATED_CHART_VERSIONS, importChartDefaults, importValuesValidator } from '../../src/model/chart-defaults/loaders.js';
import { knownKeysAt } from '../../src/schemas/suggest.js';

interface GenScript {
  generateChart(): Map<string, string>;
  importedVersions(): string[];
}
interface ImportScript {
  analyseTemplates(templates: Map<string, string>): { reads: string[]; verbatim: string[] };
}

// .mjs scripts have no type declarations; importing them through a URL string keeps tsc out of them.
const gen = (await import(new URL('../../scripts/gen-chart.mjs', import.meta.url).href)) as GenScript;
const importer = (await import(new URL('../../scripts/import-chart.mjs', import.meta.url).href)) as ImportScript;

describe('generated chart data (scripts/gen-chart.mjs)', () => {
  const built = gen.generateChart();

  it.each([...built.entries()].map(([path, content]) => [path, content] as const))(
    '%s is up to date with schemas/vault-helm (run node scripts/gen-chart.mjs)',
    (path, content) => {
      expect(readRepoFile(path) === content).toBe(true);
    },
  );

  it('leaves no defaults module or values schema of a version that is not imported', () => {
    const onDisk = [
      ...readdirSync(new URL('../../src/model/chart-defaults/', import.meta.url))
        .filter((name) => /^v\d+-\d+-\d+\.ts$/.test(name))
        .map((name) => `src/model/chart-defaults/${name}`),
      ...readdirSync(new URL('../../schemas/', import.meta.url))
        .filter((name) => /^values-.*\.schema\.json$/.test(name))
        .map((name) => `schemas/${name}`),
    ].sort();
    expect(onDisk).toEqual([...built.keys()].sort());
  });

  it('covers exactly the supported versions: imported inputs, loaders and the profile changes agree with CHART_VERSIONS', () => {
    expect(gen.importedVersions()).toEqual([...CHART_VERSIONS]);
    expect(GENERATED_CHART_VERSIONS).toEqual([...CHART_VERSIONS]);
    // The profile resolves any release; each change it records was made by a supported one.
    expect(PROFILE_CHANGES.map((change) => change.since).filter((since) => !(CHART_VERSIONS as readonly string[]).includes(since))).toEqual(
      [],
    );
    for (const version of CHART_VERSIONS) {
      expect(importChartDefaults(version), version).toBeDefined();
      expect(importValuesValidator(version), version).toBeDefined();
    }
    expect(importChartDefaults('0.19.0')).toBeUndefined();
  });
});

// Loading a generated validator under the test transformer takes seconds on a busy machine.
describe.each(CHART_VERSIONS.map((version) => [version] as const))('chart %s', { timeout: 120_000 }, (version: ChartVersion) => {
  it("has defaults equal to its values.yaml, and a validator that accepts them and refuses a typo'd key", async () => {
    const defaults = loadYaml(`schemas/vault-helm/${version}/values.yaml`);
    const { chartDefaults } = await importChartDefaults(version)!;
    expect(chartDefaults).toEqual(defaults);
    const { validate, schema } = await importValuesValidator(version)!;
    expect(validate(defaults), JSON.stringify(validate.errors)).toBe(true);
    expect(validate({ server: { ha: { replica: 3 } } })).toBe(false);
    expect(validate.errors?.[0]?.params.additionalProperty).toBe('replica');
    // Maps the chart renders verbatim stay open.
    expect(validate({ server: { extraEnvironmentVars: { ANY_NAME: 'x' }, resources: { requests: { cpu: '1' } } } })).toBe(true);
    expect(knownKeysAt(schema, ['server', 'ha'])).toContain('replicas');
  });
});

describe('keys follow the chart history', { timeout: 120_000 }, () => {
  const keysAt = async (version: ChartVersion, path: string[]) => knownKeysAt((await importValuesValidator(version)!).schema, path);

  it.each([
    // [key, parent path, first version that reads it]
    ['httproute', ['server'], '0.34.0'],
    ['serviceCA', ['server'], '0.32.0'],
    ['namespace', ['global'], '0.26.0'],
    ['hostAliases', ['server'], '0.26.0'],
    ['serverTelemetry', [], '0.22.0'],
    ['preStop', ['server'], '0.30.0'],
    ['persistentVolumeClaimRetentionPolicy', ['server'], '0.27.0'],
  ] as const)('%s under %j from %s on', async (key, parent, since) => {
    for (const version of CHART_VERSIONS) {
      const known = (await keysAt(version, [...parent])).includes(key);
      expect(known, version).toBe(CHART_VERSIONS.indexOf(version) >= CHART_VERSIONS.indexOf(since));
    }
  });

  it('accepts a YAML map config before 0.29.0 and only a string from 0.29.0 on', async () => {
    for (const version of CHART_VERSIONS) {
      const { validate } = await importValuesValidator(version)!;
      const accepted = validate({ server: { standalone: { config: { ui: true } } } });
      expect(accepted, version).toBe(CHART_VERSIONS.indexOf(version) < CHART_VERSIONS.indexOf('0.29.0'));
    }
  });

  it('has one compiled module for versions whose schemas are the same (0.34.0 and 0.34.1)', async () => {
    expect(await importValuesValidator('0.34.1')).toBe(await importValuesValidator('0.34.0'));
    expect(await importValuesValidator('0.34.0')).not.toBe(await importValuesValidator('0.33.0'));
  });
});

describe('the template reader of scripts/import-chart.mjs', () => {
  const analyse = (text: string, helpers = '') =>
    importer.analyseTemplates(
      new Map([
        ['templates/a.yaml', text],
        ['templates/_helpers.tpl', helpers],
      ]),
    );

  it('reads absolute paths, and paths under with, range, variables and parenthesised lookups', () => {
    const { reads } = analyse(
      [
        '{{ if .Values.server.enabled }}{{ end }}',
        '{{- with .Values.server.ingress }}{{ .ingressClassName }}{{ end }}',
        '{{ range .Values.server.extraVolumes }}{{ .name }}{{ end }}',
        '{{ $svc := .Values.server.service }}{{ $svc.port }}',
        '{{ (((.Values.injector.webhook)).annotations) }}',
        '{{ $.Values.ui.enabled }}',
        '{{ .Release.Name }}{{ printf "%s" ".Values.not.read" }}',
        '{{/* .Values.commented.out */}}',
      ].join('\n'),
    );
    expect(reads).toEqual([
      'injector.webhook.annotations',
      'server.enabled',
      'server.extraVolumes',
      'server.extraVolumes[].name',
      'server.ingress',
      'server.ingress.ingressClassName',
      'server.service',
      'server.service.port',
      'ui.enabled',
    ]);
  });

  it('follows the argument of include into a define, and finds what is rendered verbatim', () => {
    const { reads, verbatim } = analyse(
      [
        '{{ include "env" .Values.server }}',
        '{{ toYaml .Values.server.resources | nindent 2 }}',
        '{{ tpl (toYaml .Values.server.tolerations) . }}',
        '{{ .Values.server.volumes | toYaml }}',
        '{{ with .Values.server.extraLabels }}{{ toYaml . }}{{ end }}',
      ].join('\n'),
      '{{- define "env" -}}{{ range $k, $v := .extraEnvironmentVars }}{{ $k }}{{ end }}{{- end -}}',
    );
    expect(reads).toContain('server.extraEnvironmentVars');
    expect(verbatim).toEqual([
      'server.extraEnvironmentVars',
      'server.extraLabels',
      'server.resources',
      'server.tolerations',
      'server.volumes',
    ]);
  });
});
