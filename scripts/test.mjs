#!/usr/bin/env node
// Runs the whole suite: type check and lint (zero findings: warnings fail too), then every *.test.ts on SQLite and again on PostgreSQL.
// Usage: npm test [-- <file filter>]   (set TEST_ONLY=sqlite or TEST_ONLY=postgres to run one engine)
import { spawnSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

const filter = process.argv[2];
const files = [];
const walk = (dir) => {
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (name === 'node_modules') continue;
    if (statSync(p).isDirectory()) walk(p);
    else if (p.endsWith('.test.ts') || p.endsWith('.test.tsx')) files.push(p);
  }
};
walk('src');
walk('test');
const selected = files.sort().filter((f) => !filter || f.includes(filter));
if (selected.length === 0) {
  console.error(`no test files match ${filter}`);
  process.exit(1);
}

const run = (cmd, args, env = {}) => {
  const r = spawnSync(cmd, args, { stdio: 'inherit', env: { ...process.env, ...env } });
  return r.status ?? 1;
};

if (!filter && run('npx', ['tsc', '--noEmit', '-p', '.']) !== 0) {
  console.error('\nType check failed.');
  process.exit(1);
}
if (!filter && run('npx', ['biome', 'check', '--error-on-warnings', 'src', 'test', 'bench', 'scripts']) !== 0) {
  console.error('\nLint failed (`npx biome check --write src test bench scripts` applies the safe fixes).');
  process.exit(1);
}

let failed = false;
for (const engine of ['sqlite', 'postgres']) {
  if (process.env.TEST_ONLY && process.env.TEST_ONLY !== engine) continue;
  console.log(`\n=== ${selected.length} test files on ${engine} ===\n`);
  // No test takes minutes but the crash and accessibility tests, and none near 15: one that hangs
  // fails there, with its name, instead of holding the run until CI's limit.
  const code = run(
    process.execPath,
    ['--import', 'tsx', '--test', '--test-concurrency=2', '--test-timeout=900000', '--test-reporter=spec', ...selected],
    {
      TEST_DB: engine,
      NODE_ENV: 'test',
    },
  );
  if (code !== 0) {
    failed = true;
    console.error(`\nTests failed on ${engine}.`);
  }
}
process.exit(failed ? 1 : 0);
