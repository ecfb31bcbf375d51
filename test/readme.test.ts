import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, it } from 'node:test';
import { configurationDoc } from '../scripts/config-doc.ts';

const readme = readFileSync('README.md', 'utf8');

/** Every Markdown page of the documentation: the README, the root's policy files and docs/. */
function pages(): string[] {
  const out = ['README.md', 'CONTRIBUTING.md', 'SECURITY.md'];
  const walk = (dir: string) => {
    for (const e of readdirSync(dir, { withFileTypes: true }))
      if (e.isDirectory()) walk(join(dir, e.name));
      else if (e.name.endsWith('.md')) out.push(join(dir, e.name));
  };
  walk('docs');
  return out;
}

describe('README and docs stay true', () => {
  it('has docs/configuration.md as the code generates it (every variable, its default and meaning), linked from the README', () => {
    assert.equal(readFileSync('docs/configuration.md', 'utf8'), configurationDoc(), 'run `npm run docs:config`');
    assert.match(readme, /\]\(docs\/configuration\.md\)/);
  });

  it('links only to files that exist, and to headings that exist', () => {
    const broken: string[] = [];
    const slug = (h: string) =>
      h
        .trim()
        .toLowerCase()
        .replace(/[`*_]/g, '')
        .replace(/[^\p{L}\p{N} -]/gu, '')
        .replace(/ /g, '-');
    for (const page of pages()) {
      const text = readFileSync(page, 'utf8');
      for (const [, target] of text.matchAll(/\]\(([^)\s]+)\)/g)) {
        if (/^(https?:|mailto:)/.test(target)) continue;
        const [file, anchor] = target.split('#');
        const path = file ? join(dirname(page), file) : page;
        if (!existsSync(path)) {
          broken.push(`${page}: ${target}`);
          continue;
        }
        if (anchor && path.endsWith('.md')) {
          const headings = [...readFileSync(path, 'utf8').matchAll(/^#+ (.+)$/gm)].map((m) => slug(m[1]));
          if (!headings.includes(anchor)) broken.push(`${page}: ${target} (no such heading)`);
        }
      }
    }
    assert.deepEqual(broken, []);
  });

  it('gives the two commands, and CI runs the same test command', () => {
    assert.match(readme, /npm ci && npm start/);
    assert.match(readme, /^npm test\b/m);
    const ci = readFileSync('.ci/run', 'utf8');
    assert.match(ci, /^npm ci\b/m);
    assert.match(ci, /^npm test$/m);
    assert.match(ci, /apt-get install -y -qq chromium/);
  });

  it('lists the demo password the demo loader uses', async () => {
    const { DEMO_PASSWORD, demoUsers } = await import('../src/modules/identity/demo.data.ts');
    assert.ok(readme.includes(DEMO_PASSWORD));
    for (const u of demoUsers) assert.ok(readme.includes(u.email), u.email);
  });
});
