// Writes docs/configuration.md from src/config.ts, so the page cannot drift from the code that
// reads the variables (test/readme.test.ts fails when it has). Run: npm run docs:config
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { configVariables } from '../src/config.ts';

/** Variables only the tests and benchmarks read; never set them on a live installation. */
const testVariables: Record<string, string> = {
  TEST_DATABASE_URL:
    'PostgreSQL server the tests use (default `postgres://postgres@127.0.0.1:5432/test`); each test file creates and drops a database of its own there.',
  TEST_ONLY: '`sqlite` or `postgres`: run the suite on one engine only.',
  SCREENSHOTS: '`1`: browser tests save full-page screenshots into `test/artifacts/`.',
  FUZZ_RUNS: 'Cases per route and actor in `test/fuzz.test.ts` (default 5).',
  BENCH_DATABASE_URL: 'PostgreSQL server the benchmarks that compare engines use (default `postgres://postgres@127.0.0.1:5432/test`).',
};

const cell = (s: string) => s.replace(/\|/g, '\\|');
const shown = (d: string) => (d.startsWith('(') || d.includes('`') || d.includes(' ') ? d : `\`${d}\``);

export function configurationDoc(): string {
  const rows = Object.entries(configVariables).map(([name, v]) => `| \`${name}\` | ${cell(shown(v.default))} | ${cell(v.doc)} |`);
  const testRows = Object.entries(testVariables).map(([name, doc]) => `| \`${name}\` | ${cell(doc)} |`);
  return `# Configuration

<!-- Generated from src/config.ts by \`npm run docs:config\`; edit the code, not this page. -->

Yusr reads its configuration from environment variables, validated at start-up; a wrong value
stops the process with one sentence naming the variable (for example \`Configuration error: PORT
must be a whole number between 1 and 65535 (got "eighty").\`). Nothing is read from a file except
the generated \`secret.key\` described under \`SECRET_KEY\`. \`docs/operating.md\` says which of
these a live installation must set.

| Variable | Default | Meaning |
|---|---|---|
${rows.join('\n')}

## For tests and benchmarks only

| Variable | Meaning |
|---|---|
${testRows.join('\n')}
`;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  writeFileSync(new URL('../docs/configuration.md', import.meta.url), configurationDoc());
  console.log('docs/configuration.md written');
}
