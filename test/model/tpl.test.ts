import { describe, expect, it } from 'vitest';
import { MAX_RANGE_ITEMS, renderTemplate } from '../../src/model/chart/tpl.js';
import type { TemplateContext } from '../../src/model/chart/template.js';
import { isHelmFunction } from '../../src/model/chart/helm-functions.js';
import { modelOf } from '../helpers/model.js';

const VALUES: Record<string, unknown> = {
  server: { ha: { replicas: 3, enabled: true }, off: false, nothing: null, peers: ['a', 'b'], zones: { b: 2, a: 1 } },
  big: 1000000,
};

function context(integer = false): TemplateContext {
  return {
    releaseName: 'prod',
    releaseNamespace: 'vault-ns',
    namespace: 'vault-pods',
    fullname: 'prod-vault',
    value: (path) => {
      let cursor: unknown = VALUES;
      for (const key of path) {
        if (typeof cursor !== 'object' || cursor === null || !(key in cursor)) return undefined;
        cursor = (cursor as Record<string, unknown>)[key];
      }
      return { value: cursor, integer };
    },
  };
}

const render = (text: string, integer = false) => renderTemplate(text, context(integer));

describe('renderTemplate', () => {
  it('leaves text without actions as it is', () => {
    const out = render('ui = true\n');
    expect(out.text).toBe('ui = true\n');
    expect(out.toSource(3, 7)).toEqual({ start: 3, end: 7 });
  });

  it('repeats a range body once per item of until (int .Values…), with $i, $e and . bound', () => {
    const text = '{{- range $i, $e := until (int .Values.server.ha.replicas) }}\nj{{ $i }}{{ $e }}{{ . }}{{- end }}\n';
    expect(render(text).text).toBe('\nj000\nj111\nj222\n');
  });

  it('maps each copy of a range body onto the body as written', () => {
    const text = '{{ range until 2 }}x = "a{{ . }}b"\n{{ end }}';
    const out = render(text);
    expect(out.text).toBe('x = "a0b"\nx = "a1b"\n');
    const body = text.indexOf('x = ');
    const first = out.toSource(0, 9);
    const second = out.toSource(10, 19);
    expect(first).toEqual({ start: body, end: text.indexOf('\n') });
    expect(second).toEqual(first);
    // The printed value maps to its whole action.
    expect(out.toSource(16, 17)).toEqual({ start: text.indexOf('{{ . }}'), end: text.indexOf('{{ . }}') + 7 });
  });

  it('evaluates add, add1, sub, int and literal counts', () => {
    expect(render('{{ range $i := until 3 }}{{ add $i 1 }},{{ add1 $i }},{{ sub $i 1 }};{{ end }}').text).toBe('1,1,-1;2,2,0;3,3,1;');
  });

  it('ranges over lists and maps from the values, maps in key order', () => {
    expect(render('{{ range .Values.server.peers }}{{ . }}{{ end }}').text).toBe('ab');
    expect(render('{{ range $k, $v := .Values.server.zones }}{{ $k }}={{ $v }} {{ end }}').text).toBe('a=1 b=2 ');
  });

  it('takes the branch an if, else if or else names on values, release facts and comparisons', () => {
    const text = '{{ if not .Values.server.ha.enabled }}A{{ else if eq .Release.Namespace "vault-ns" }}B{{ else }}C{{ end }}';
    expect(render(text).text).toBe('B');
    expect(render('{{ if and .Values.server.ha.enabled (eq (int .Values.server.ha.replicas) 3) }}yes{{ end }}').text).toBe('yes');
    expect(render('{{ if .Values.server.off }}A{{ else }}B{{ end }}').text).toBe('B');
    expect(render('{{ if .Values.server.missing }}A{{ else }}B{{ end }}').unevaluated).toEqual([{ start: 0, end: 2 }]);
    expect(render('{{ with .Values.server.ha }}{{ .replicas }}{{ end }}').text).toBe('3');
  });

  it('prints release facts, include "vault.fullname" and Go floats as Helm does', () => {
    expect(
      render(
        '{{ .Release.Name }} {{ .Chart.Name }} {{ include "vault.fullname" . }} {{ template "vault.fullname" . }} {{ $.Release.Namespace }}',
      ).text,
    ).toBe('prod vault prod-vault prod-vault vault-ns');
    expect(render('{{ .Values.server.ha.replicas }} {{ .Values.big }} {{ .Values.server.nothing }}').text).toBe('3 1e+06 ');
    // A key no layer sets may come from a values file the linter was not given: unknown, not empty.
    expect(render('{{ .Values.missing }}').templated).toEqual([{ start: 0, end: 21 }]);
  });

  it('honours trim markers and drops comments', () => {
    expect(render('a  \n {{- /* note */ -}} \n  b').text).toBe('ab');
    expect(render('a {{/* note */}} b').text).toBe('a  b');
  });

  it('blanks an action it cannot print, at its length, and marks it templated', () => {
    const text = 'x = "{{ .Capabilities.KubeVersion }}"';
    const out = render(text);
    expect(out.text).toBe(`x = "${' '.repeat(31)}"`);
    expect(out.templated).toEqual([{ start: 5, end: 36 }]);
    expect(out.unevaluated).toEqual([]);
  });

  it('renders every branch of an if it cannot decide once and marks the whole of it', () => {
    const out = render('{{ if .Capabilities.APIVersions }}A{{ else }}B{{ end }}C');
    expect(out.text).toBe('ABC');
    expect(out.unevaluated).toEqual([{ start: 0, end: 2 }]);
  });

  it('renders a range it cannot list once, marked', () => {
    const out = render('{{ range $i := until (len .Files) }}R{{ $i }}{{ end }}');
    expect(out.text.trim()).toBe('R');
    expect(out.unevaluated.length).toBe(1);
  });

  it('reports until over a number from a values file (a float to Helm), but not over a --set integer', () => {
    const text = '{{ range until .Values.server.ha.replicas }}R{{ end }}';
    expect(render(text).problems).toEqual([
      { kind: 'floatCount', start: 0, end: 44, detail: 'until', action: '{{ range until .Values.server.ha.replicas }}' },
    ]);
    expect(render(text).unevaluated.length).toBe(1);
    expect(render(text, true).problems).toEqual([]);
    expect(render(text, true).text).toBe('RRR');
  });

  it('reports a function Helm does not define, even in a branch never taken, and escapes pass through marked', () => {
    const text =
      '{{ if false }}{{ GetInterfaceIP "eth0" }}{{ end }}a = "{{`{{ GetPrivateIP }}`}}" b = "{{ "{{" }} GetPrivateIP {{ "}}" }}"';
    const out = render(text);
    expect(out.problems).toEqual([
      { kind: 'undefinedFunction', start: 14, end: 41, detail: 'GetInterfaceIP', action: '{{ GetInterfaceIP "eth0" }}' },
    ]);
    expect(out.text).toBe('a = "{{ GetPrivateIP }}" b = "{{ GetPrivateIP }}"');
    expect(out.templated).toEqual([
      { start: 5, end: 23 },
      { start: 30, end: 48 },
    ]);
  });

  it('reports unclosed actions and unbalanced control flow, and falls back to the text as written', () => {
    expect(render('a {{ .Release.Name').problems.map((problem) => problem.detail)).toEqual(['unclosed action']);
    const open = render('{{ if true }}a');
    expect(open.problems.map((problem) => problem.detail)).toEqual(['missing end for if']);
    expect(open.text).toBe(`${' '.repeat(13)}a`);
    expect(open.unevaluated).toEqual([{ start: 0, end: 14 }]);
    expect(render('a{{ end }}').problems.map((problem) => problem.detail)).toEqual(['unexpected end']);
  });

  it('bounds the expansion: a range past the item limit is rendered once and reported', () => {
    const out = render(`{{ range until ${MAX_RANGE_ITEMS + 1} }}R{{ end }}`);
    expect(out.problems.map((problem) => problem.kind)).toEqual(['expansionLimit']);
    expect(out.text).toBe('R');
    const nested = render('{{ range until 100 }}{{ range until 100 }}{{ range until 100 }}xxxxxxxxxx{{ end }}{{ end }}{{ end }}');
    expect(nested.problems.map((problem) => problem.kind)).toEqual(['expansionLimit']);
  });

  it('stays linear on an unclosed action, many actions and nested ranges that print little', () => {
    const long = render(`a {{ ${'x'.repeat(200_000)}`);
    expect(long.problems.map((problem) => problem.detail)).toEqual(['unclosed action']);
    const many = render('{{ .Release.Name }}'.repeat(300_000));
    // 1,200,000 rendered characters: past the limit, so the text is kept as written, actions blanked.
    expect(many.problems.map((problem) => problem.kind)).toEqual(['expansionLimit']);
    expect(many.text.length).toBe('{{ .Release.Name }}'.length * 300_000);
    const quiet = render('{{ range until 100 }}{{ range until 100 }}{{ range until 100 }}{{ $x := 1 }}{{ end }}{{ end }}{{ end }}');
    expect(quiet.problems.map((problem) => problem.detail)).toEqual(['200000 template steps']);
  });

  it("knows Helm's function set: Go builtins, sprig without env, Helm's own", () => {
    for (const name of ['printf', 'until', 'include', 'tpl', 'required', 'toYaml', 'lookup', 'fromYaml', 'sha256sum'])
      expect(isHelmFunction(name)).toBe(true);
    for (const name of ['env', 'expandenv', 'GetPrivateIP', 'constructor']) expect(isHelmFunction(name)).toBe(false);
  });
});

describe('the model renders configs through tpl', () => {
  it('reads a range of retry_join stanzas as one stanza per replica, each positioned on the body', async () => {
    const model = await modelOf(`
      server:
        ha:
          enabled: true
          replicas: 3
          raft:
            enabled: true
            config: |
              storage "raft" {
                {{- range $i, $e := until (int .Values.server.ha.replicas) }}
                retry_join { leader_api_addr = "https://{{ include "vault.fullname" $ }}-{{ $i }}.vault-internal:8200" }
                {{- end }}
              }
    `);
    const joins = model.raftJoins;
    expect(joins.map((join) => join.url?.pod)).toEqual([0, 1, 2]);
    expect(model.raftJoinsUnknown).toBe(false);
    const places = joins.map((join) => join.address!.place());
    expect(new Set(places.map((place) => `${place.start}-${place.end}`)).size).toBe(1);
    expect(places[0]!.hclLine).toBe(3);
  });

  it('does not run a YAML-map config (chart 0.28) through tpl', async () => {
    const model = await modelOf(
      `
      server:
        standalone:
          config:
            cluster_addr: "{{ GetPrivateIP }}"
            storage: { file: { path: /vault/data } }
    `,
      { chartVersion: '0.28.0' },
    );
    expect(model.config?.templateProblems).toEqual([]);
  });

  it('checks what the first pass printed in a JSON config on chart 0.29+, which runs tpl twice', async () => {
    const text = `
      server:
        standalone:
          config: '{"cluster_addr": "{{\`{{ GetPrivateIP }}\`}}", "storage": {"file": {"path": "/d"}}}'
    `;
    const newer = await modelOf(text);
    expect(newer.config?.templateProblems.map((problem) => [problem.kind, problem.detail, problem.secondPass])).toEqual([
      ['undefinedFunction', 'GetPrivateIP', true],
    ]);
    const older = await modelOf(text, { chartVersion: '0.28.0' });
    expect(older.config?.templateProblems).toEqual([]);
  });
});
