import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { configurationDoc } from '../scripts/config-doc.ts';
import { configVariables } from '../src/config.ts';

const readme = readFileSync('README.md', 'utf8');

describe('README stays true', () => {
  it('documents every environment variable', () => {
    for (const name of Object.keys(configVariables)) assert.match(readme, new RegExp(`\\| \`${name}\` \\|`), name);
  });

  it('has docs/configuration.md as the code generates it (names, defaults and meanings)', () => {
    assert.equal(readFileSync('docs/configuration.md', 'utf8'), configurationDoc(), 'run `npm run docs:config`');
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
