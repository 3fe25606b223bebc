import fc from 'fast-check';

/**
 * Inputs for the fuzz properties: a values file assembled from realistic fragments (some with a
 * planted secret), followed by noise that may break it, plus `--set` arguments; and the "blow-up"
 * inputs that repeat one segment thousands of times, the shape of every hostile input found so far.
 */

/** Secrets the generators plant; each is kept intact on a line of its own. */
export interface Case {
  text: string;
  sets: string[];
  /** Planted secrets that appear verbatim in the input: none may appear in any output. */
  secrets: string[];
}

const secretText = fc
  .tuple(fc.constantFrom('hvs.', 's3cr3t-', 'AKIA/', 'tok&<en>-', 'p"w\\d-'), fc.stringMatching(/^[A-Za-z0-9]{12,20}$/))
  .map(([prefix, body]) => `${prefix}${body}`);

/** A double-quoted YAML scalar holding `value` (escapes for `"` and `\`). */
function yamlQuoted(value: string): string {
  return JSON.stringify(value);
}

/** A fragment of a values file with one planted secret, as a top-level YAML block. */
const secretFragment = secretText.chain((secret) =>
  fc.constantFrom(
    { text: `server:\n  extraEnvironmentVars:\n    VAULT_TOKEN: ${yamlQuoted(secret)}\n`, secret },
    { text: `injector:\n  extraEnvironmentVars:\n    AWS_SECRET_ACCESS_KEY: ${yamlQuoted(secret)}\n`, secret },
    { text: `server:\n  extraEnvironmentVars: { DB_PASSWORD: ${yamlQuoted(secret)} }\n`, secret },
    { text: `server:\n  dev:\n    devRootToken: ${yamlQuoted(secret)}\n`, secret },
    {
      text: `server:\n  ha:\n    enabled: true\n    config: |\n      seal "transit" {\n        token = ${JSON.stringify(secret)}\n      }\n      storage "consul" { path = "vault" }\n`,
      secret,
    },
    // A broken stanza: the token is unquoted, so the config does not parse.
    {
      text: `server:\n  standalone:\n    config: |\n      seal "transit" {\n        token = ${secret.replace(/["\\]/g, '')}\n      }\n`,
      secret: secret.replace(/["\\]/g, ''),
    },
  ),
);

/** Harmless, realistic fragments (no secrets) that give the rules something to say. */
const plainFragment = fc.constantFrom(
  'global:\n  tlsDisable: true\n',
  'server:\n  ha:\n    enabled: yes\n    replicas: 3\n',
  'server:\n  image:\n    tag: latest\n',
  'server:\n  ha:\n    raft:\n      enabled: true\n      config: |\n        listener "tcp" { tls_disable = 1 }\n        storage "raft" { path = "/vault/data" }\n',
  'ui:\n  enabled: true\n  serviceType: LoadBalancer\n',
  'server:\n  resources: {}\n',
  'injector:\n  enabled: false\n',
  '# a comment\n',
  '',
);

/** Noise that may break the file: stray characters, unterminated constructs, odd line ends. */
const noise = fc.oneof(
  fc.constantFrom(
    'key: [unclosed\n',
    'a: "open\n',
    '\t- x\n',
    '---\n',
    'x: &a 1\ny: *a\n',
    '? complex\n: key\n',
    '%YAML 1.1\n',
    '\r\n',
    '\r',
    '\uFEFF',
    'k: !!binary x\n',
    'a: {b: [c, {d: e}]}\n',
    '- top\n',
    '...\n',
  ),
  fc.string({ maxLength: 40 }),
  fc.string({ unit: 'binary', maxLength: 20 }),
);

/** `--set` arguments: well-formed, refused by Helm's grammar, or carrying a secret. */
const setArgument = fc.oneof(
  fc.constantFrom(
    'server.ha.enabled=true',
    'global.tlsDisable=false',
    'server.ha.replicas=1',
    'a[0]=b',
    'x={a,b}',
    'broken[',
    'k=',
    ',,',
    'a.b\\.c=d',
  ),
  fc.string({ maxLength: 20 }),
);

const secretSet = secretText
  .map((secret) => secret.replace(/[,\\[\]{}=.]/g, ''))
  .chain((secret) =>
    fc.constantFrom(
      { set: `server.extraEnvironmentVars.VAULT_TOKEN=${secret}`, secret },
      { set: `server.extraEnvironmentVars.VAULT_TOKEN=${secret},broken[`, secret },
    ),
  );

/**
 * A values file of fragments, noise after them, and `--set` arguments. The fragment with the
 * planted secret comes last, so that a duplicate top-level key (which YAML resolves to the later
 * value) cannot drop it, and noise comes after it, so that noise can break the file but not turn
 * the secret's line into part of another value.
 */
export const valuesCase: fc.Arbitrary<Case> = fc
  .record({
    head: fc.array(plainFragment, { maxLength: 3 }),
    planted: fc.option(secretFragment),
    tail: fc.array(noise, { maxLength: 3 }),
    sets: fc.array(fc.oneof(setArgument, secretSet), { maxLength: 2 }),
  })
  .map(({ head, planted, tail, sets }) => {
    const secrets: string[] = planted ? [planted.secret] : [];
    const args = sets.map((set) => {
      if (typeof set === 'string') return set;
      secrets.push(set.secret);
      return set.set;
    });
    const text = head.join('') + (planted?.text ?? '') + tail.join('');
    return { text, sets: args, secrets };
  });

/** One segment repeated `count` times inside a template: where every super-linear case came from. */
export function blowUpCase(maxRepeat: number): fc.Arbitrary<Case> {
  const shapes: [string, string, string][] = [
    // [before, segment, after]
    ['a: &a [x, y]\nb: [', '*a, ', '*a]\n'],
    ['base: &b {k: v}\nlist:\n', '  - <<: *b\n    n: 1\n', ''],
    ['a: ', '{b: ', `1${'}'.repeat(1)}\n`],
    ['server:\n  ha:\n    config: |\n      x = ', '1', '\n'],
    ['server:\n  ha:\n    config: |\n      x = 0.', '9', 'e\n'],
    ['server:\n  readinessProbe:\n    path: "/v1/sys/health', '/', '"\n'],
    ['server:\n  standalone:\n    config: |\n      ui = true\n', '\n', '      disable_mlock = true\n'],
    ['server:\n  ha:\n', '\n', '    enabled: true\n'],
    ['server:\n  standalone:\n    config: "ui = true', '\\t', '\\n"\n'],
    ['server:\n  standalone:\n    config: |\n', '      /* c */\n', '      storage "file" {}\n'],
    ['a: 1\n', '---\n', 'b: 2\n'],
    ['server:\n  standalone:\n    config: |\n', '      x = <<EOF\n      y\n      EOF\n', ''],
    ['# ', '\t', '\n'],
    ['a: "', '\\u0041', '"\n'],
    ['a: ', '[', '\n'],
  ];
  return fc
    .record({ shape: fc.integer({ min: 0, max: shapes.length - 1 }), count: fc.integer({ min: 1, max: maxRepeat }), secret: secretText })
    .map(({ shape, count, secret }) => {
      const [before, segment, after] = shapes[shape]!;
      const token = secret.replace(/["\\]/g, '');
      const text = `injector:\n  extraEnvironmentVars:\n    VAULT_TOKEN: "${token}"\n${before}${segment.repeat(count)}${after}`;
      return { text, sets: [], secrets: [token] };
    });
}
