import { describe, expect, it } from 'vitest';
import { markTemplated, readTemplateInput, readTerraformConfig } from '../../src/parse/template-input.js';
import { parseYaml, type YMap, type YNode, type YScalar } from '../../src/parse/yaml.js';
import { parseHcl } from '../../src/parse/hcl/index.js';

function at(root: YNode | null, ...path: string[]): YNode | undefined {
  let node: YNode | undefined = root ?? undefined;
  for (const key of path) node = node?.kind === 'map' ? node.pairs.find((pair) => pair.key.text === key)?.value : undefined;
  return node;
}

/** Read a template and parse what YAML sees, with the unknown values marked. */
function read(text: string, name = 'values.yaml') {
  const template = readTemplateInput(text, name);
  expect(template).toBeDefined();
  const masked = template!.text;
  expect(masked.length).toBe(text.length);
  // Line breaks stay where they were, so every position is the file's own.
  expect([...masked].flatMap((c, i) => (c === '\n' ? [i] : []))).toEqual([...text].flatMap((c, i) => (c === '\n' ? [i] : [])));
  const document = parseYaml(masked);
  markTemplated(document.root, template!.opaque);
  return { template: template!, document };
}

describe('readTemplateInput: which files are templates', () => {
  it.each([
    ['a quoted shell variable', 'server:\n  postStart: ["/bin/sh", "-c", "echo ${HOSTNAME}"]\n'],
    ['a variable inside a longer plain scalar', 'server:\n  extraArgs: -log-level=${LEVEL}\n'],
    ['quoted chart tpl', 'server:\n  annotations:\n    a: "{{ .Release.Name }}"\n'],
    ['an action after a colon inside a quoted flow scalar', "server: {affinity: 'podAntiAffinity: {{ toYaml .Values.a }}'}\n"],
    [
      'actions inside a block scalar',
      'server:\n  ha:\n    config: |\n      {{- range $i := until 3 }}\n      x = "{{ $i }}"\n      {{- end }}\n',
    ],
    ['an escaped interpolation', 'server:\n  tag: $${version}\n'],
    ['a shell variable alone on a line of a block script', 'server:\n  postStart:\n    - |\n      ${VAULT_CMD}\n'],
    ['template text in comments', '# tag: ${v}\n# {{ if x }}\nserver: {}\n'],
  ])('an ordinary file with %s is no template', (_, text) => {
    expect(readTemplateInput(text)).toBeUndefined();
  });

  it('a file named .gotmpl or .tftpl is a template of its kind', () => {
    expect(readTemplateInput('a: "{{ .Values.x }}"\n', 'vault.yaml.gotmpl')?.kinds).toEqual(['helm']);
    expect(readTemplateInput('a: "x-${y}"\n', 'vault.yaml.tftpl')?.kinds).toEqual(['terraform']);
    expect(readTemplateInput('a: "{{ .Values.x }}"\n', 'vault.yaml')).toBeUndefined();
  });
});

describe('readTemplateInput: Helm actions', () => {
  it('masks actions as keys, list items, values and toYaml | nindent, with every branch kept', () => {
    const text = [
      'server:',
      '  {{- if .Values.a }}',
      '  image:',
      '    tag: {{ .Values.tag }}',
      '  {{- else }}',
      '  image:',
      '    tag: "1.16.1"',
      '  {{- end }}',
      '  annotations:',
      '    {{ .Values.key }}: "x"',
      '  extraArgs:',
      '  {{- range .Values.args }}',
      '    - {{ . }}',
      '  {{- end }}',
      '  resources:',
      '    {{- toYaml .Values.resources | nindent 4 }}',
      '  {{- include "common.labels" . | nindent 2 }}',
      '  ha:',
      '    enabled: true',
      '',
    ].join('\n');
    const { template, document } = read(text);
    expect(template.kinds).toEqual(['helm']);
    // The repeated `image` key across the branches is no duplicate (filtered by the layering); YAML itself parses.
    expect(document.problems.filter((problem) => problem.messageId !== 'duplicateKey')).toEqual([]);
    expect((at(document.root, 'server', 'resources') as YScalar).templated).toBe(true);
    expect((at(document.root, 'server', 'ha', 'enabled') as YScalar).value).toBe(true);
    const annotations = at(document.root, 'server', 'annotations') as YMap;
    expect(annotations.pairs[0]!.key.templated).toBe(true);
    const item = (at(document.root, 'server', 'extraArgs') as { items: YScalar[] }).items[0]!;
    expect(item.templated).toBe(true);
    // The later branch wins, as YAML reads it; the earlier tag was an action.
    expect((at(document.root, 'server', 'image', 'tag') as YScalar).text).toBe('1.16.1');
    // The include printing sibling keys is set aside, not made a value.
    expect(template.setAside.some((span) => text.slice(span.start, span.end).startsWith('{{- include'))).toBe(true);
  });

  it('keeps a block scalar open across a control line written at column 0', () => {
    const text =
      'server:\n  ha:\n    config: |\n      ui = true\n{{- if .Values.tls }}\n      api_addr = "x"\n{{- end }}\n    enabled: true\n';
    const { document } = read(text, 'v.gotmpl');
    expect(document.problems).toEqual([]);
    expect((at(document.root, 'server', 'ha', 'config') as YScalar).text).toContain('api_addr = "x"');
    expect((at(document.root, 'server', 'ha', 'enabled') as YScalar).value).toBe(true);
  });
});

describe('readTemplateInput: Terraform templates', () => {
  it('reads ${…} as an unknown value, nested braces and strings included, and $${ as text', () => {
    const text = [
      'server:',
      '  image:',
      '    tag: ${vault_version}',
      '    repository: ${jsonencode({ a = "b: }" })}',
      '  extraArgs: "$${not_me}"',
      '',
    ].join('\n');
    const { template, document } = read(text);
    expect(template.kinds).toEqual(['terraform']);
    expect(document.problems).toEqual([]);
    const tag = at(document.root, 'server', 'image', 'tag') as YScalar;
    expect(tag.templated).toBe(true);
    expect(tag.text).toBe('${vault_version}');
    expect((at(document.root, 'server', 'image', 'repository') as YScalar).templated).toBe(true);
    expect((at(document.root, 'server', 'extraArgs') as YScalar).templated).toBeUndefined();
    expect(template.opaque).toHaveLength(2);
  });

  it('turns directive lines into comments, with and without ~, inside block scalars too', () => {
    const text = [
      '%{~ if ui ~}',
      'ui:',
      '  enabled: true',
      '%{~ endif }',
      'server:',
      '  config: |',
      '    storage "raft" {',
      '      %{ for i in range(3) ~}',
      '      retry_join { leader_api_addr = "https://vault-${i}.vault-internal:8200" }',
      '      %{ endfor ~}',
      '    }',
      '',
    ].join('\n');
    const { template, document } = read(text);
    expect(document.problems).toEqual([]);
    expect(template.setAside).toHaveLength(5);
    const config = (at(document.root, 'server', 'config') as YScalar).text;
    expect(config).toContain('#{ for i in range(3) ~}');
  });
});

describe('readTerraformConfig', () => {
  it('gives HCL a string where an interpolation stands, and marks a loop body as repeated an unknown number of times', () => {
    const text =
      'replicas = ${n}\nstorage "raft" {\n  #{ for i in range(3) ~}\n  retry_join { leader_api_addr = "https://v-${i}:8200" }\n  #{ endfor ~}\n}\n';
    const read = readTerraformConfig(text);
    expect(read.text.length).toBe(text.length);
    expect(parseHcl(read.text).errors).toEqual([]);
    expect(read.opaque.map((span) => text.slice(span.start, span.end))).toEqual(['${n}', '${i}']);
    expect(read.unevaluated).toHaveLength(1);
    expect(text.slice(read.unevaluated[0]!.start, read.unevaluated[0]!.end)).toContain('retry_join');
  });
});
