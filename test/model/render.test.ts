import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { buildModel, type LintOptions } from '../../src/engine/lint.js';
import type { InputLayer, Model } from '../../src/model/model.js';
import { isPlainMap, type Plain } from '../../src/model/plain.js';
import { formatScalar, goJson, renderConfig, renderNotes, renderRelease, renderValues } from '../../src/model/render.js';
import { setLayer } from '../../src/parse/set-args.js';
import type { ValueNode } from '../../src/model/values/tree.js';
import { parseYaml, type YNode } from '../../src/parse/yaml.js';
import { dedent } from '../helpers/rule-tester.js';
import { modelOf } from '../helpers/model.js';

const ROOT = new URL('../../', import.meta.url).pathname;

function plainOf(node: YNode | null): unknown {
  if (node === null) return null;
  if (node.kind === 'scalar') return node.value;
  if (node.kind === 'seq') return node.items.map(plainOf);
  return Object.fromEntries(node.pairs.map((pair) => [pair.key.text, plainOf(pair.value)]));
}

/** The model's values as Helm hands them to the templates: a user null removes a key the defaults have. */
function helmValues(node: ValueNode, defaults: Plain | undefined): Plain {
  if (node.kind === 'seq') return node.items.map((item) => item.value);
  if (node.kind === 'scalar') return node.value;
  const out: Record<string, Plain> = {};
  for (const [key, child] of node.children) {
    const fallback = isPlainMap(defaults) ? defaults[key] : undefined;
    if (child.isUserSet && child.value === null && isPlainMap(defaults) && key in defaults) continue;
    out[key] = helmValues(child, fallback);
  }
  return out;
}

function configText(model: Model): string[] {
  return renderConfig(model).lines.map((line) => line.text);
}

async function model(text: string, options: LintOptions = {}): Promise<Model> {
  return modelOf(text, options);
}

describe('effective values', () => {
  const releases: [string, InputLayer[]][] = [
    ['the guide example', [{ kind: 'file', label: 'guide.yml', text: readFileSync(`${ROOT}fixtures/guide/override-values.yml`, 'utf8') }]],
    [
      'a layered release',
      [
        { kind: 'file', label: 'base.yaml', text: readFileSync(`${ROOT}fixtures/_cli/render/base.values.yaml`, 'utf8') },
        { kind: 'file', label: 'prod.yaml', text: readFileSync(`${ROOT}fixtures/_cli/render/prod.values.yaml`, 'utf8') },
        setLayer('--set', 'server.extraArgs={-log-level=debug},global.namespace=true,ui.annotations.x=1.10'),
      ],
    ],
  ];

  it.each(releases)('read back as the same values Helm sees (%s)', async (_name, layers) => {
    const built = await buildModel({ layers });
    const text = renderValues(built)
      .map((line) => line.text)
      .join('\n');
    const parsed = parseYaml(text);
    expect(parsed.problems).toEqual([]);
    expect(plainOf(parsed.root)).toEqual(helmValues(built.values, built.options.chartDefaults));
  });

  it('sorts keys and quotes what YAML 1.1 would read as another type', () => {
    expect(formatScalar('true')).toBe('"true"');
    expect(formatScalar('yes')).toBe('"yes"');
    expect(formatScalar('1.10')).toBe('"1.10"');
    expect(formatScalar('-')).toBe('"-"');
    expect(formatScalar('')).toBe('""');
    expect(formatScalar('[::]:8200')).toBe('"[::]:8200"');
    expect(formatScalar('a: b')).toBe('"a: b"');
    expect(formatScalar('1.16.1')).toBe('1.16.1');
    expect(formatScalar('hashicorp/vault')).toBe('hashicorp/vault');
    expect(formatScalar(1.5)).toBe('1.5');
    expect(formatScalar(null)).toBe('null');
  });
});

describe('the config file, as each chart version writes it', () => {
  const hcl = (config: string) => `server:\n  standalone:\n    config: |\n${dedent(config).trimEnd().replace(/^/gm, '      ')}\n`;

  it('0.34.1 appends disable_mlock = true to HCL on a new last line', async () => {
    const built = await model(hcl('ui = true\nstorage "file" { path = "/vault/data" }\n'));
    expect(configText(built)).toEqual(['ui = true', 'storage "file" { path = "/vault/data" }', '', 'disable_mlock = true']);
    expect(
      renderConfig(built).lines.map((line) =>
        typeof line.origin === 'string' ? line.origin : `${line.origin.layer.label}@${line.origin.start}`,
      ),
    ).toEqual(['layer1.yaml@42', 'layer1.yaml@58', 'chart template', 'chart template']);
  });

  it('0.34.1 keeps an explicit disable_mlock line and appends nothing', async () => {
    expect(configText(await model(hcl('ui = true\n  disable_mlock=false\n')))).toEqual(['ui = true', '  disable_mlock=false']);
    expect(configText(await model(hcl('disable_mlock = "true"\n')))).toEqual(['disable_mlock = "true"', '', 'disable_mlock = true']);
  });

  it('0.29.0 to 0.31.0 append disable_mlock = true even after an explicit line; 0.32.0 does not (_helpers.tpl vault.config)', async () => {
    const text = hcl('disable_mlock = false\n');
    expect(configText(await model(text, { chartVersion: '0.31.0' }))).toEqual(['disable_mlock = false', '', 'disable_mlock = true']);
    expect(renderConfig(await model(text, { chartVersion: '0.31.0' })).handling).toBe(
      'Chart 0.31.0 appends disable_mlock = true to every HCL config',
    );
    expect(configText(await model(text, { chartVersion: '0.32.0' }))).toEqual(['disable_mlock = false']);
  });

  it('0.34.1 re-emits a JSON config compact with sorted keys, Go-escaped, adding disable_mlock only when missing', async () => {
    const json = (text: string) => `server:\n  standalone:\n    config: '${text}'\n`;
    expect(configText(await model(json('{"ui": true, "api_addr": "https://a<b>&c", "10": 1, "2": 2}')))).toEqual([
      '{"10":1,"2":2,"api_addr":"https://a\\u003cb\\u003e\\u0026c","disable_mlock":true,"ui":true}',
    ]);
    expect(configText(await model(json('{"disable_mlock": false, "ui": true}')))).toEqual(['{"disable_mlock":false,"ui":true}']);
    // An empty object is not JSON to the chart: it is HCL, and gets the HCL line.
    expect(configText(await model(json('{}')))).toEqual(['{}', 'disable_mlock = true']);
  });

  it('0.28.0 prepends disable_mlock = true, also before a config that sets it', async () => {
    const built = await model(hcl('disable_mlock = false\nui = true\n'), { chartVersion: '0.28.0' });
    expect(configText(built)).toEqual(['disable_mlock = true', 'disable_mlock = false', 'ui = true']);
    expect(renderNotes(built, renderConfig(built))[0]).toBe(
      "Chart 0.28.0 prepends disable_mlock = true; the config's own disable_mlock makes it a duplicate",
    );
  });

  it('0.28.0 writes a YAML-map config as indented JSON with disable_mlock forced true', async () => {
    const built = await model(
      'server:\n  standalone:\n    config:\n      ui: true\n      disable_mlock: false\n      listener:\n        tcp:\n          address: "[::]:8200"\n',
      { chartVersion: '0.28.0' },
    );
    expect(configText(built)).toEqual([
      '{',
      '  "disable_mlock": true,',
      '  "listener": {',
      '    "tcp": {',
      '      "address": "[::]:8200"',
      '    }',
      '  },',
      '  "ui": true',
      '}',
    ]);
    expect(goJson({ a: [], b: {} }, '  ')).toBe('{\n  "a": [],\n  "b": {}\n}');
  });

  it('renders no config in dev, external and empty modes, and says why', async () => {
    expect(renderConfig(await model('server:\n  dev:\n    enabled: true\n'))).toMatchObject({
      lines: [],
      absent: expect.stringMatching(/^Dev mode/),
    });
    expect(renderConfig(await model('global:\n  externalVaultAddr: https://vault.example.com\n'))).toMatchObject({
      lines: [],
      absent: expect.stringMatching(/^No Vault server/),
    });
    expect(renderConfig(await model('server:\n  standalone:\n    enabled: false\n'))).toMatchObject({
      lines: [],
      absent: expect.stringMatching(/^No server mode/),
    });
  });

  it('says when no ConfigMap is rendered because both non-raft configs are empty', async () => {
    const built = await model(
      'server:\n  standalone:\n    config: ""\n  ha:\n    enabled: true\n    config: ""\n    raft:\n      enabled: true\n',
    );
    expect(renderConfig(built)).toMatchObject({ lines: [], absent: expect.stringMatching(/^No ConfigMap/) });
  });
});

describe('notes', () => {
  it('names placeholders the container start replaces, and those it leaves alone', async () => {
    const config =
      'api_addr = "http://API_ADDR"\ncluster_addr = "https://HOSTNAME.vault-internal:8201"\nstorage "consul" { address = "HOST_IP:8500" }\n';
    const text = `server:\n  ha:\n    enabled: true\n    config: |\n${config.trimEnd().replace(/^/gm, '      ')}\n`;
    const without = await model(text);
    expect(renderNotes(without, renderConfig(without)).slice(1)).toEqual([
      "HOST_IP (config line 3): replaced at container start with the node's IP address (status.hostIP), everywhere in the file, comments included",
      'HOSTNAME (config line 2): replaced at container start with the pod name ("vault-0" … "vault-2"), everywhere in the file, comments included',
      'API_ADDR (config line 1): stays as written; the chart substitutes it only from a container environment variable of that name, and the values set none',
    ]);
    const withEnv = await model(`${text}  extraEnvironmentVars:\n    API_ADDR: https://vault.example.com\n`);
    expect(renderNotes(withEnv, renderConfig(withEnv))).toContain(
      "API_ADDR (config line 1): replaced at container start with the value of the container's API_ADDR environment variable",
    );
  });

  it('evaluates release facts in Helm actions and flags the rest', async () => {
    const built = await model(
      'server:\n  standalone:\n    config: |\n      cluster_name = "{{ .Release.Name }}"\n      seal "transit" { key_name = "{{ .Values.key }}" }\n',
      { releaseName: 'prod', namespace: 'vault' },
    );
    expect(renderNotes(built, renderConfig(built)).slice(1)).toEqual([
      '{{ .Release.Name }} (config line 1): Helm renders it as "prod"',
      '{{ .Values.key }} (config line 2): evaluated by Helm at install; the linter cannot evaluate it',
    ]);
  });

  it('says that chart 0.29.0 leaves Helm actions as written, and evaluates them again from 0.29.1 (_helpers.tpl vault.config)', async () => {
    const text = 'server:\n  standalone:\n    config: |\n      cluster_name = "{{ .Release.Name }}"\n';
    const notes = async (chartVersion: string): Promise<string[]> => {
      const built = await model(text, { releaseName: 'prod', chartVersion });
      return renderNotes(built, renderConfig(built)).slice(1);
    };
    expect(await notes('0.29.0')).toEqual(['Chart 0.29.0 does not run the config through tpl: Helm actions reach Vault as written']);
    expect(await notes('0.29.1')).toEqual(['{{ .Release.Name }} (config line 1): Helm renders it as "prod"']);
  });

  it('says when Vault cannot parse the rendered config', async () => {
    const built = await model('server:\n  standalone:\n    config: |\n      listener "tcp" {\n        address = "[::]:8200"\n');
    expect(renderNotes(built, renderConfig(built))).toContainEqual(expect.stringMatching(/^Vault cannot parse this config: Unclosed "\{"/));
  });

  it('names configs written where this mode does not read them', async () => {
    const built = await model('server:\n  ha:\n    config: |\n      ui = true\n');
    expect(renderNotes(built, renderConfig(built))).toContain('server.ha.config is set but not rendered in this mode');
  });

  it('never prints a secret', async () => {
    const built = await buildModel({
      layers: [{ kind: 'file', label: 'values.yaml', text: 'server:\n  dev:\n    enabled: true\n    devRootToken: my-root-token-123\n' }],
    });
    const rendering = renderRelease(built);
    const printed = [
      ...rendering.header,
      ...rendering.values.map((line) => line.text),
      ...rendering.config.lines.map((line) => line.text),
      ...rendering.notes,
    ].join('\n');
    expect(printed).toContain('    devRootToken: ****');
    expect(printed).not.toContain('my-root-token-123');
  });
});
