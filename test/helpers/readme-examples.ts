import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from './cli.js';

/** A fenced code block of the README: its info string and its text. */
export interface CodeBlock {
  lang: string;
  body: string;
}

/** The README's text under a heading (`### Pre-commit`), up to the next heading of the same or a higher level. */
export function readmeSection(heading: string): string {
  const lines = readFileSync(join(ROOT, 'README.md'), 'utf8').split('\n');
  const start = lines.indexOf(heading);
  if (start < 0) throw new Error(`README.md has no heading "${heading}"`);
  const level = /^#+/.exec(heading)![0].length;
  let fenced = false;
  let end = start + 1;
  for (; end < lines.length; end++) {
    const line = lines[end]!;
    if (line.startsWith('```')) fenced = !fenced;
    const depth = /^(#+) /.exec(line)?.[1]?.length;
    if (!fenced && depth !== undefined && depth <= level) break;
  }
  return lines.slice(start + 1, end).join('\n');
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
