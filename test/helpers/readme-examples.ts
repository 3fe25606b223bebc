import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { load } from 'js-yaml';
import { ROOT } from './cli.js';

/** A fenced code block of the README: its info string and its text. */
export interface CodeBlock {
  lang: string;
  body: string;
}

/** The README's own text under a heading (`### Pre-commit`), up to the next heading of any level. */
export function readmeSection(heading: string): string {
  const lines = readme().split('\n');
  const start = lines.indexOf(heading);
  if (start < 0) throw new Error(`README.md has no heading "${heading}"`);
  let fenced = false;
  let end = start + 1;
  for (; end < lines.length; end++) {
    const line = lines[end]!;
    if (line.startsWith('```')) fenced = !fenced;
    if (!fenced && /^#+ /.test(line)) break;
  }
  return lines.slice(start + 1, end).join('\n');
}

function readme(): string {
  return readFileSync(join(ROOT, 'README.md'), 'utf8');
}

/** The fenced code blocks of a piece of markdown, in order. */
export function codeBlocks(markdown: string): CodeBlock[] {
  return [...markdown.matchAll(/^```([^\n]*)\n([\s\S]*?)^```$/gm)].map((match) => ({ lang: match[1]!.trim(), body: match[2]! }));
}

/** The one code block of a README section in that language; fails when there is none or more than one. */
export function readmeBlock(heading: string, lang: string, contains?: string): string {
  const blocks = codeBlocks(readmeSection(heading)).filter(
    (block) => block.lang === lang && (contains === undefined || block.body.includes(contains)),
  );
  if (blocks.length !== 1) throw new Error(`README.md "${heading}": expected one ${lang} block, found ${blocks.length}`);
  return blocks[0]!.body;
}

/** The command lines of a code block: each line of an `sh` block, the `run:` of YAML workflow steps, the `script:` of YAML CI jobs. */
export function commandsOf(block: CodeBlock): string[] {
  if (block.lang === 'sh')
    return block.body
      .split('\n')
      .map((line) => line.trim())
      .filter((line) => line !== '' && !line.startsWith('#'));
  if (block.lang !== 'yaml') return [];
  const data = load(block.body) as unknown;
  const entries: unknown[] = Array.isArray(data) ? data : typeof data === 'object' && data !== null ? Object.values(data) : [];
  return entries.flatMap((entry) => {
    if (typeof entry !== 'object' || entry === null) return [];
    const { run, script } = entry as { run?: unknown; script?: unknown };
    if (typeof run === 'string') return run.split('\n').filter((line) => line.trim() !== '');
    if (Array.isArray(script)) return script.filter((line): line is string => typeof line === 'string');
    return [];
  });
}

/** Every command line the README shows, in order. */
export function readmeCommands(): string[] {
  return codeBlocks(readme()).flatMap(commandsOf);
}
