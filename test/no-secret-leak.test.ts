import { mkdirSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main, type CliIo } from '../src/cli/main.js';
import { buildModel, type LintOptions } from '../src/engine/lint.js';

/**
 * Principle 7: secrets found in input never appear in any output. Every fixture runs through the
 * whole CLI in every output format; no secret the model finds, and none planted below, may show up
 * in any form a reporter could print it: raw, JSON-escaped, GitHub-escaped, or one line of it.
 */
const ROOT = new URL('../', import.meta.url).pathname;
const FORMATS: { name: string; args: string[] }[] = [
  { name: 'stylish', args: ['--no-color'] },
  { name: 'stylish (colour)', args: ['--color'] },
  { name: 'json', args: ['-o', 'json'] },
  { name: 'sarif', args: ['-o', 'sarif'] },
  { name: 'github', args: ['-o', 'github'] },
];
const LEAK_FIXTURE = 'fixtures/no-inline-secrets/invalid/migrating-from-consul-everything-inline.values.yaml';
/** Written into the leak fixture by hand, so the test does not only trust the detector it checks. */
const PLANTED = [
  'Qm8~fixtureAzureClientSecret.0001',
  '{"type": "service_account", "private_key_id": "fixturekeyid0001"}',
  'hvs.FIXTUREtokenForTheLeakTest0001',
  'fixture-backup-password-0001',
  '5f0e4d2c-fixture-consul-token-0001',
  'hvs.FIXTUREtransitSealToken0001',
  'fixtureAwsSecretKeyForTheOldSeal0001',
  'MHcCAQEEIFIXTUREprivateKeyLineOne0001',
  'AoGCCqGSM49AwEHoUQDQgAEfixtureLineTwo0001',
];
const OPTIONS = /^#\s*fixture-options:\s*(\{.*\})\s*$/m;

const ANSI = /\u001b\[[0-9;]*m/g;

function yamlFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return yamlFiles(path);
    return /\.ya?ml$/.test(name) ? [relative(ROOT, path)] : [];
  });
}

/** Every form in which a secret could reach an output. */
function forms(secret: string): string[] {
  const out = new Set([
    secret,
    JSON.stringify(secret).slice(1, -1),
    secret.replaceAll('%', '%25').replaceAll('\r', '%0D').replaceAll('\n', '%0A'),
  ]);
  for (const line of secret.split(/\r?\n/)) if (line.trim().length >= 8) out.add(line.trim());
  return [...out].filter((form) => form.length >= 4);
}

async function cli(args: string[], stdin = '', cwd = ROOT): Promise<string> {
  let output = '';
  const io: CliIo = {
    stdout: { write: (text: string) => (output += text), isTTY: false },
    stderr: { write: (text: string) => (output += text) },
    readStdin: async () => stdin,
    env: {},
    cwd,
  };
  const code = await main(args, io);
  expect(code, output).toBeLessThan(2);
  // The checkout's own path (SARIF's %SRCROOT%) is no input: a secret as short as "root" could
  // match a directory name there.
  return output.replace(ANSI, '').replaceAll(ROOT.replace(/\/$/, ''), '<checkout>');
}

function optionArgs(options: LintOptions): string[] {
  const args: string[] = [];
  if (options.chartVersion) args.push('--chart-version', options.chartVersion);
  if (options.releaseName) args.push('--release-name', options.releaseName);
  if (options.namespace) args.push('--namespace', options.namespace);
  if (options.valuesPath) args.push('--values-path', options.valuesPath);
  return args;
}

function expectNoLeak(output: string, secrets: string[], label: string): void {
  for (const secret of secrets) {
    for (const form of forms(secret)) expect(output.includes(form), `${label} leaks ${JSON.stringify(form.slice(0, 6))}…`).toBe(false);
  }
}

describe('no secret leaks into any output', () => {
  const files = yamlFiles(join(ROOT, 'fixtures'));

  it('covers every fixture, and the planted secrets are really in the leak fixture and found by the model', async () => {
    expect(files).toContain(LEAK_FIXTURE);
    expect(files.length).toBeGreaterThan(50);
    const text = readFileSync(join(ROOT, LEAK_FIXTURE), 'utf8');
    for (const secret of PLANTED) expect(text).toContain(secret);
    const model = await buildModel({ layers: [{ kind: 'file', label: LEAK_FIXTURE, text }] });
    const found = model.secrets.map((secret) => secret.value).join('\n');
    for (const secret of PLANTED) expect(found).toContain(secret);
  });

  for (const file of files) {
    it(file, async () => {
      const text = readFileSync(join(ROOT, file), 'utf8');
      const match = OPTIONS.exec(text);
      const options: LintOptions = match ? (JSON.parse(match[1]!) as LintOptions) : {};
      const model = await buildModel({ layers: [{ kind: 'file', label: file, text }] }, options);
      const secrets = [
        ...(model.valuesReadable ? model.secrets.map((secret) => secret.value) : []),
        ...(file === LEAK_FIXTURE ? PLANTED : []),
      ];
      if (secrets.length === 0) return;
      for (const format of FORMATS)
        expectNoLeak(await cli([file, ...format.args, ...optionArgs(options)]), secrets, `${file} as ${format.name}`);
    });
  }

  it('still shows the masked code frame, so the check above looks at real frames', async () => {
    const output = await cli([LEAK_FIXTURE, '--no-color']);
    expect(output).toContain(`VAULT_TOKEN: ${'*'.repeat('hvs.FIXTUREtokenForTheLeakTest0001'.length)}`);
    expect(output).toContain(`token      = ${'*'.repeat('"hvs.FIXTUREtransitSealToken0001"'.length)}`);
    expect(output).toMatch(/no-inline-secrets/);
  });

  it('masks a secret pasted a second time where the detector does not look', async () => {
    const text = [
      'server:',
      '  extraEnvironmentVars:',
      '    CONSUL_HTTP_TOKEN: 0b7c9d1e-second-copy-token-0001',
      '  ha:',
      '    enabled: yes  # was on the consul token 0b7c9d1e-second-copy-token-0001 before',
      '',
    ].join('\n');
    // The comment shares its line with a helm-yaml-boolean finding, so the code frame prints it.
    const stylish = await cli(['-', '--no-color'], text);
    expect(stylish).toContain(`enabled: yes  # was on the consul token ${'*'.repeat(31)} before`);
    for (const format of FORMATS)
      expectNoLeak(await cli(['-', ...format.args], text), ['0b7c9d1e-second-copy-token-0001'], `second copy as ${format.name}`);
  });

  it("masks credentials in an umbrella chart's other sections, which the vault chart never reads", async () => {
    const planted = ['umbrella-db-password-0001', 'umbrella-redis-secret-0001'];
    const text = [
      'postgresql:',
      '  auth:',
      `    password: ${planted[0]}`,
      `    password: ${planted[0]}`,
      'redis:',
      `  existingSecretPassword: "${planted[1]}"`,
      `  existingSecretPassword: "${planted[1]}"`,
      'vault:',
      '  server:',
      '    image:',
      '      tag: "1.16"',
      '',
    ].join('\n');
    // The duplicate keys are yaml-syntax findings whose code frames print the secret lines.
    const stylish = await cli(['-', '--no-color', '--values-path', 'vault'], text);
    expect(stylish).toMatch(/Duplicate key "password"/);
    for (const format of FORMATS)
      expectNoLeak(await cli(['-', ...format.args, '--values-path', 'vault'], text), planted, `umbrella sections as ${format.name}`);
  });

  it('masks credentials in input that cannot be parsed, whose secrets the model never sees', async () => {
    const planted = [
      'wJalrXUtnFEMI/K7MDENG/unreadable0001',
      'MIIEvQIBADANBgkqhkiG9w0BAQEFunreadable0001',
      's3cr3t-db-password-unreadable0001',
    ];
    const text = [
      'server:',
      '  extraEnvironmentVars:',
      `    AWS_SECRET_ACCESS_KEY: ${planted[0]}`,
      '\tDB_PASSWORD: "' + planted[2] + '"',
      '    TLS_KEY: |',
      '      -----BEGIN PRIVATE KEY-----',
      `      ${planted[1]}`,
      '      -----END PRIVATE KEY-----',
      '  ha: [',
      '',
    ].join('\n');
    const model = await buildModel({ layers: [{ kind: 'file', label: '<stdin>', text }] });
    expect(model.valuesReadable).toBe(false);
    for (const format of FORMATS) expectNoLeak(await cli(['-', ...format.args], text), planted, `unreadable input as ${format.name}`);
  });

  describe('every place a secret can enter a run, in every format, on stderr and in render', () => {
    const dir = mkdtempSync(join(tmpdir(), 'vault-lint-leak-'));
    const write = (name: string, text: string): string => {
      writeFileSync(join(dir, name), text);
      return name;
    };
    /** Every format, and render with and without origins; everything printed, stdout and stderr, is checked. */
    async function everyOutput(args: string[], stdin = ''): Promise<string[]> {
      const outputs: string[] = [];
      for (const format of FORMATS) outputs.push(await cli([...args, ...format.args], stdin, dir));
      for (const extra of [[], ['--show-origin']]) {
        let output = '';
        const io: CliIo = {
          stdout: { write: (text: string) => (output += text) },
          stderr: { write: (text: string) => (output += text) },
          readStdin: async () => stdin,
          env: {},
          cwd: dir,
        };
        const code = await main(['render', ...args, ...extra], io);
        expect(code, output).toBeLessThan(2);
        outputs.push(output);
      }
      return outputs;
    }
    async function expectNowhere(args: string[], secrets: string[], label: string, stdin = ''): Promise<string[]> {
      const outputs = await everyOutput(args, stdin);
      outputs.forEach((output, i) => expectNoLeak(output, secrets, `${label} (output ${i})`));
      return outputs;
    }

    it('a --set that Helm refuses is masked where it is echoed as the file', async () => {
      const secret = 'hvs.refusedSetArgument0001';
      const outputs = await expectNowhere(
        ['--set', `server.extraEnvironmentVars.VAULT_TOKEN=${secret},broken[`],
        [secret],
        'refused --set',
      );
      expect(outputs[0]).toContain(`--set server.extraEnvironmentVars.VAULT_TOKEN=${'*'.repeat(secret.length)}`);
    });

    it('a --set finding names its argument masked in every field that carries it (json argument, sarif setArgument)', async () => {
      const secret = 'hvs.setLocationField0001';
      const values = write('onto.yaml', 'server:\n  ha:\n    enabled: yes\n');
      const outputs = await expectNowhere(
        [values, '--set', `server.extraEnvironmentVars.VAULT_TOKEN=${secret}`],
        [secret],
        '--set location',
      );
      const masked = `--set server.extraEnvironmentVars.VAULT_TOKEN=${'*'.repeat(secret.length)}`;
      const json = JSON.parse(outputs[2]!) as {
        results: { kind: string; argument?: string; onto?: string; findings: { ruleId: string }[] }[];
      };
      const set = json.results.find((result) => result.kind === 'set')!;
      expect(set).toMatchObject({ argument: masked, onto: 'onto.yaml' });
      expect(set.findings.map((finding) => finding.ruleId)).toContain('no-inline-secrets');
      expect(outputs[3]).toContain(`"setArgument": ${JSON.stringify(masked)}`);
    });

    it('an unreadable file does not turn --set masking off', async () => {
      const secret = 'hvs.setBesideBrokenFile0001';
      const broken = write('broken.yaml', 'server: [\n');
      const outputs = await expectNowhere(
        [broken, '--set', `server.extraEnvironmentVars.VAULT_TOKEN=${secret}`],
        [secret],
        'unreadable file + --set',
      );
      expect(outputs[0]).toMatch(/yaml-syntax/);
    });

    it('a --set secret that a later --set overrides stays masked in file lists, headers and frames', async () => {
      const secret = 'hvs.overriddenSetToken0001';
      const values = write('values.yaml', 'server:\n  ha:\n    enabled: yes\n');
      const args = [
        values,
        '--set',
        `server.extraEnvironmentVars.VAULT_TOKEN=${secret}`,
        '--set-string',
        'server.extraEnvironmentVars.VAULT_TOKEN=$(OTHER_VAR)',
      ];
      const outputs = await expectNowhere(args, [secret], 'overridden --set');
      // render's header lists every layer, the overridden one too.
      expect(outputs[FORMATS.length]).toContain(`--set server.extraEnvironmentVars.VAULT_TOKEN=${'*'.repeat(secret.length)}`);
    });

    it('a secret in a values file that a later file overrides stays masked in its code frame', async () => {
      const secret = 'hvs.overriddenFileToken0001';
      // One line, so that the helm-yaml-boolean finding's code frame prints the overridden token.
      const first = write('first.yaml', `server: { extraEnvironmentVars: { VAULT_TOKEN: ${secret} }, ha: { enabled: yes } }\n`);
      const second = write('second.yaml', 'server:\n  extraEnvironmentVars:\n    VAULT_TOKEN: $(FROM_SECRET)\n');
      const outputs = await expectNowhere(['-f', first, '-f', second], [secret], 'overridden file secret');
      expect(outputs[0]).toContain(`VAULT_TOKEN: ${'*'.repeat(secret.length)} }, ha: { enabled: yes`);
    });

    it("a credential in a template conditional's branch that a later branch replaces is masked in every output", async () => {
      // The YAML reader keeps the last branch's value only; the first branch's token is known by its shape alone.
      const secrets = ['hvs.CAESIJlWm3bQxkz9Yp0aTn7rProdToken01', 'hvs.CAESIJlWm3bQxkz9Yp0aTn7rDevToken002'];
      const values = write(
        'branches.values.tftpl',
        [
          'server:',
          '  annotations:',
          '%{ if prod ~}',
          `    bootstrap: "${secrets[0]}"  # vault-lint-disable-line yaml-syntax`,
          '%{ else ~}',
          `    bootstrap: "${secrets[1]}"`,
          '%{ endif ~}',
          '',
        ].join('\n'),
      );
      const outputs = await expectNowhere([values], secrets, 'replaced branch');
      // The directive is a finding on the first branch's line, so its code frame prints that line.
      expect(outputs[0]).toMatch(/syntax findings cannot be switched off/);
      expect(outputs[0]).toMatch(/bootstrap: "\*{39}"/);
    });

    it('a credential under a key written twice in a plain values file is masked where the repeat is reported', async () => {
      const secrets = ['hvs.CAESIJlWm3bQxkz9Yp0aTn7rFirstCopy1', 'hvs.CAESIJlWm3bQxkz9Yp0aTn7rSecondCopy'];
      const values = write(
        'twice.values.yaml',
        [
          'server:',
          '  annotations:',
          `    bootstrap: "${secrets[0]}"  # vault-lint-disable-line yaml-syntax`,
          `    bootstrap: "${secrets[1]}"`,
          '',
        ].join('\n'),
      );
      const outputs = await expectNowhere([values], secrets, 'key written twice');
      // The directive is a finding on the first copy's line, so its code frame prints that line.
      expect(outputs[0]).toMatch(/syntax findings cannot be switched off/);
      expect(outputs[0]).toMatch(/bootstrap: "\*{38}" {2}# vault-lint/);
    });

    it("secrets with & < > are masked in render's Go-escaped config and everywhere else", async () => {
      const secret = 'Pa&ss<wo>rd-goEscaped0001';
      const values = write(
        'escaped.yaml',
        [
          'server:',
          '  extraEnvironmentVars:',
          `    DB_PASSWORD: "${secret}"`,
          '  ha:',
          '    enabled: true',
          '    config: |',
          '      {"listener": {"tcp": {"address": "[::]:8200"}},',
          `       "seal": {"transit": {"address": "https://t:8200", "token": "${secret}"}},`,
          '       "storage": {"consul": {"address": "HOST_IP:8500"}}}',
          '',
        ].join('\n'),
      );
      const outputs = await expectNowhere([values], [secret], 'Go-escaped secret');
      expect(outputs.join('\n')).not.toContain('rd-goEscaped0001');
    });

    it('an unquoted token in a broken seal stanza is not quoted by the hcl-syntax message', async () => {
      const secret = 'hvs.unquotedBrokenSeal0001';
      const values = write(
        'broken-seal.yaml',
        [
          'server:',
          '  standalone:',
          '    config: |',
          '      seal "transit" {',
          `        token = ${secret}`,
          '      }',
          '      storage "file" { path = "/vault/data" }',
          '',
        ].join('\n'),
      );
      const outputs = await expectNowhere([values], [secret], 'broken seal');
      expect(outputs[0]).toMatch(/hcl-syntax/);
    });

    it('credentials in injector, container env lists and flags are found and masked', async () => {
      const secrets = ['hvs.injectorEnvLeak0001', 'sidecarPasswordLeak0001', 'devRootFlagLeak0001'];
      const values = write(
        'pod-specs.yaml',
        [
          'injector:',
          '  extraEnvironmentVars:',
          `    VAULT_TOKEN: ${secrets[0]}`,
          'server:',
          `  extraArgs: "-dev-root-token-id=${secrets[2]}"`,
          '  extraContainers:',
          '    - name: sidecar',
          '      env:',
          '        - name: DB_PASSWORD',
          `          value: ${secrets[1]}`,
          '',
        ].join('\n'),
      );
      const outputs = await expectNowhere([values], secrets, 'pod-spec secrets');
      expect(outputs[0]!.match(/no-inline-secrets/g)?.length).toBe(3);
    });

    it('credentials known only by their shape are found and masked in every place they can sit', async () => {
      const pem = [
        'MIIEvXPdj9vsx3dzgtqWMC/Ng3mhncsvGHJNJBeJz+OxogqY+2X2c6e9naYonwPU',
        'hxAPCTDhPZkHx3ZTcJfXMoQ7o0t/AakVdadHaP+N/u7XFbVBUMI6g0kHEZDEG2Yb',
      ];
      const shaped = {
        unknownKey: 'HLxDsCxqjBLd3qbJskH53rGTD/2U3OpSH5rLeak1',
        annotation: 'postgres://backup:AnnotLeak7Qz2@pg.db.internal:5432/vault',
        args: 'https://bot:ArgsLeak9Wm4@git.corp.example.net',
        initCommand: 'hvs.InitContainerLeak0001abcd',
        postStart: 's.PostStartLeak1AbCdEfGhIj',
        gcpKeyId: 'GcpLeakPrivateKeyId00000000000000000001',
        hclAddress: 'https://proxy:HclLeak3Nv6t@transit.corp.example.net',
      };
      const values = write(
        'shaped.yaml',
        [
          'server:',
          '  annotations:',
          `    backup.example.com/target: "${shaped.annotation}"`,
          '  appTeam:',
          `    aws_secret_access_key: ${shaped.unknownKey}`,
          `    gcpKey: '{"type": "service_account", "private_key_id": "${shaped.gcpKeyId}", "private_key": "-----BEGIN PRIVATE KEY-----\\n${pem.join('\\n')}\\n-----END PRIVATE KEY-----\\n"}'`,
          '  extraContainers:',
          '    - name: sync',
          `      args: ["--source=${shaped.args}/x.git"]`,
          '  extraInitContainers:',
          '    - name: seed',
          `      command: [sh, -c, "VAULT_TOKEN=${shaped.initCommand} vault status"]`,
          `  postStart: [/bin/sh, -c, "export T=${shaped.postStart}"]`,
          '  standalone:',
          '    config: |',
          `      seal "transit" { address = "${shaped.hclAddress}:8200" }`,
          '      storage "raft" {',
          '        path = "/vault/data"',
          '        retry_join {',
          '          leader_api_addr = "https://vault-0.vault-internal:8200"',
          `          leader_client_key = <<EOT`,
          '      -----BEGIN EC PRIVATE KEY-----',
          `      ${pem[0]}`,
          `      ${pem[1]}`,
          '      -----END EC PRIVATE KEY-----',
          '      EOT',
          '        }',
          '      }',
          '',
        ].join('\n'),
      );
      const secrets = [...Object.values(shaped), ...pem];
      const model = await buildModel({ layers: [{ kind: 'file', label: values, text: readFileSync(join(dir, values), 'utf8') }] });
      const found = model.secrets.map((secret) => secret.value).join('\n');
      for (const secret of secrets) expect(found, secret.slice(0, 8)).toContain(secret);
      const outputs = await expectNowhere([values], secrets, 'secrets known by their shape');
      expect(outputs[0]!.match(/no-inline-secrets/g)?.length).toBe(8);
      // In a file a later file overrides, and in a --set argument.
      const overridden = 'postgres://app:OverriddenLeak4Kp@db.internal:5432/app';
      const base = write('base.yaml', `server:\n  annotations:\n    db: "${overridden}"\n  ha: { enabled: yes }\n`);
      const over = write('over.yaml', 'server:\n  annotations:\n    db: postgres://app@db.internal:5432/app\n');
      await expectNowhere(['-f', base, '-f', over], [overridden], 'overridden shaped secret');
      const set = 'https://bot:SetArgLeak8Zq@git.corp.example.net';
      await expectNowhere(['--set', `server.annotations.repo=${set}/x.git`], [set], 'shaped secret in --set');
    });

    it('unseal keys written into a script are masked in the no-unseal-keys-in-pod finding that prints the script', async () => {
      // Key shares as `vault operator init` prints them (base64 and hex): no detector knows their shape.
      const keys = [
        'Zk3Qm1xPq8V2cT7hR4sW9yB6nL0dF5gJ1aE3uI8oK2M=',
        '9c1e7a44d0b3f58e2a6c9d1b7e4f0a3c5d8e2b6a1f9c7d3e5b0a4c8d2e6f1a9b',
      ] as const;
      const execKey = 'q7V1mZ0cL3tY8wB5nR2xK6hD9gF4sJ0aP1oE7uI3kM8=';
      const values = write(
        'unseal-in-script.yaml',
        [
          'server:',
          '  postStart:',
          '    - /bin/sh',
          '    - -c',
          '    - |',
          '      sleep 15',
          `      vault operator unseal ${keys[0]}`,
          `      vault operator unseal -address=https://127.0.0.1:8200 "${keys[1]}" >/dev/null`,
          '  extraContainers:',
          '    - name: unsealer',
          '      image: hashicorp/vault:1.16.1',
          `      command: [vault, operator, unseal, ${execKey}]`,
          '',
        ].join('\n'),
      );
      const secrets = [...keys, execKey];
      const outputs = await expectNowhere([values], secrets, 'unseal keys in scripts');
      expect(outputs[0]!.match(/no-unseal-keys-in-pod/g)?.length).toBe(2);
      // The code frame of the finding is printed, with the key masked one character for one.
      expect(outputs[0]).toContain(`vault operator unseal ${'*'.repeat(keys[0].length)}`);
      expect(outputs[0]).toContain(`command: [vault, operator, unseal, ${'*'.repeat(execKey.length)}]`);
      // A variable or a command substitution is no key.
      const model = await buildModel({
        layers: [
          {
            kind: 'file',
            label: 'x',
            text: 'server:\n  postStart: [sh, -c, "vault operator unseal $KEY1; vault operator unseal $(cat /vault/keys/k2)"]\n',
          },
        ],
      });
      expect(model.unsealKeyScripts).toHaveLength(1);
      expect(model.unsealKeyScripts.flatMap((script) => script.keyShares)).toEqual([]);
      expect(model.knownSecrets).toEqual([]);
    });

    it('credentials in a Terraform template and a helmfile .gotmpl file are masked, in branches, loops and actions', async () => {
      const tf = {
        branch: 'postgres://backup:TplBranchLeak7Qz2@db.internal:5432/vault',
        directive: '5f0e4d2c-tpl-directive-token-0001',
        seal: 'hvs.TplLoopSealToken0001abcd',
      };
      const terraform = write(
        'vault.yaml.tftpl',
        [
          'server:',
          '  extraEnvironmentVars:',
          '%{ if backup_enabled ~}',
          `    BACKUP_DB_URL: "${tf.branch}"`,
          '%{ endif ~}',
          `    CONSUL_HTTP_TOKEN: "%{ if prod }${tf.directive}%{ else }\${consul_token}%{ endif }"`,
          '  ha:',
          '    enabled: true',
          '    raft:',
          '      enabled: true',
          '      config: |',
          `        seal "transit" { address = "https://transit.internal:8200" token = "${tf.seal}" }`,
          '        storage "raft" {',
          '          path = "/vault/data"',
          '%{ for i in range(replicas) ~}',
          '          retry_join { leader_api_addr = "https://vault-${i}.vault-internal:8200" }',
          '%{ endfor ~}',
          '        }',
          '',
        ].join('\n'),
      );
      const tfOutputs = await expectNowhere([terraform], Object.values(tf), 'Terraform template');
      // Each line is printed in a code frame (so the check above looks at it), masked.
      expect(tfOutputs[0]).toContain(`BACKUP_DB_URL: "${'*'.repeat(tf.branch.length)}"`);
      expect(tfOutputs[0]).toMatch(/CONSUL_HTTP_TOKEN: \*{20,}/);
      expect(tfOutputs[0]).toContain(`token = ${'*'.repeat(tf.seal.length + 2)}`);
      const go = { action: 'GoTmplActionPassword0001', plain: 'hvs.GoTmplPlainToken0001abcd' };
      const gotmpl = write(
        'vault.yaml.gotmpl',
        [
          'server:',
          '  extraEnvironmentVars:',
          `    DB_PASSWORD: {{ "${go.action}" | quote }}`,
          `    VAULT_TOKEN: ${go.plain}`,
          '{{- if .Values.ha }}',
          '  ha:',
          '    enabled: {{ .Values.ha }}',
          '{{- end }}',
          '',
        ].join('\n'),
      );
      const goOutputs = await expectNowhere([gotmpl], Object.values(go), '.gotmpl file');
      expect(goOutputs[0]).toMatch(/DB_PASSWORD: \*{20,}/);
      expect(goOutputs[0]).toContain(`VAULT_TOKEN: ${'*'.repeat(go.plain.length)}`);
    });

    it("an umbrella chart found from its Chart.yaml: the other charts' credentials are masked, and scripts in block scalars too", async () => {
      mkdirSync(join(dir, 'platform'), { recursive: true });
      write(
        'platform/Chart.yaml',
        [
          'apiVersion: v2',
          'name: platform',
          'version: 2.3.0',
          'dependencies:',
          '  - name: postgresql',
          '    version: 15.5.0',
          '    repository: oci://registry-1.docker.io/bitnamicharts',
          '  - name: vault',
          '    alias: secrets',
          '    version: 0.28.0',
          '    repository: https://helm.releases.hashicorp.com',
          '',
        ].join('\n'),
      );
      const planted = {
        dbPassword: 'UmbrellaAutoDbPass0001',
        apiUrl: 'postgres://api:UmbrellaApiUrlPw7@platform-postgresql:5432/api',
        scriptKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiUmbrella0001',
        scriptBasic: 'https://backup:ScriptBasicPw4Tz@s3.corp.example.net',
      };
      const values = write(
        'platform/values.yaml',
        [
          'postgresql:',
          '  auth:',
          `    password: ${planted.dbPassword}`,
          `    password: ${planted.dbPassword}`,
          'api:',
          '  env:',
          `    DATABASE_URL: "${planted.apiUrl}"`,
          `    DATABASE_URL: "${planted.apiUrl}"`,
          'secrets:',
          '  server:',
          '    image:',
          '      tag: "1.16"',
          '    extraContainers:',
          '      - name: snapshot',
          '        image: hashicorp/vault:1.16.1',
          '        command: [/bin/sh, -c]',
          '        args:',
          '          - |',
          `            export AWS_SECRET_ACCESS_KEY=${planted.scriptKey}`,
          `            vault operator raft snapshot save /tmp/s.snap && curl -T /tmp/s.snap ${planted.scriptBasic}/vault/`,
          '',
        ].join('\n'),
      );
      const outputs = await expectNowhere([values], Object.values(planted), 'umbrella found from Chart.yaml');
      // The section is linted (the tag finding is at its own line) and every planted line is printed, masked.
      expect(outputs[0]).toMatch(/image-tag-pinned/);
      expect(outputs[0]).toContain(`password: ${'*'.repeat(planted.dbPassword.length)}`);
      expect(outputs[0]).toContain(`DATABASE_URL: "${'*'.repeat(planted.apiUrl.length)}"`);
      expect(outputs[0]).toContain(`export AWS_SECRET_ACCESS_KEY=${'*'.repeat(planted.scriptKey.length)}`);
      expect(outputs[0]!.match(/no-inline-secrets/g)?.length).toBe(2);
    });

    it('unseal key shares written in a script are masked in every format', async () => {
      // No detector knows a share's shape; the script around it (vault operator unseal) does.
      const shares = ['7Zq3Vh2zXkPpJwT0bLq2Yc1uNn8mR4sD5eF6gH7iJ9k=', 'b6c1f0e2d3a4958677a8b9c0d1e2f3a4b5c6d7e8f9a0b1c2d3e4f5a6b7c8d9e0'];
      const values = write(
        'unseal.yaml',
        [
          'server:',
          `  postStart: [/bin/sh, -c, "vault operator unseal '${shares[0]}'"]`,
          '  extraContainers:',
          '    - name: unsealer',
          `      command: [vault, operator, unseal, ${shares[1]}]`,
          '',
        ].join('\n'),
      );
      const outputs = await expectNowhere([values], shares, 'unseal key shares');
      expect(outputs[0]!.match(/no-unseal-keys-in-pod/g)?.length).toBe(2);
    });

    it('a secret from one file is masked where another file of the run repeats it', async () => {
      const secret = 'hvs.crossFileToken0001';
      const a = write('a.yaml', `server:\n  extraEnvironmentVars:\n    VAULT_TOKEN: ${secret}\n`);
      const b = write('b.yaml', `server:\n  ha:\n    enabled: yes  # ${secret}\n`);
      for (const format of FORMATS) expectNoLeak(await cli([a, b, ...format.args], '', dir), [secret], `cross-file as ${format.name}`);
    });
  });
});
