// Two web nodes as separate processes on one database, one with its clock 3 s fast, both
// publishing at once: every publication is found by both nodes' search.
import assert from 'node:assert/strict';
import { type ChildProcess, fork } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { type TestApp, testApp, testEngine, testEnv } from '../../../test/helpers/app.ts';
import { buildService } from '../../../test/helpers/catalog.ts';
import { buildAgency } from '../../../test/helpers/factories.ts';

interface Reply {
  ok: boolean;
  ready?: boolean;
  error?: string;
  identifiers?: string[];
}

/** A web node in a child process (nodes.child.ts), driven over IPC one command at a time. */
class Node {
  private readonly proc: ChildProcess;
  private readonly replies: Reply[] = [];
  private waiting: ((r: Reply) => void) | null = null;
  private exited: string | null = null;

  constructor(env: Record<string, string>) {
    this.proc = fork(new URL('./nodes.child.ts', import.meta.url), {
      execArgv: ['--import', 'tsx'],
      env: { ...process.env, ...env },
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    this.proc.on('message', (m: Reply) => {
      if (this.waiting) {
        const w = this.waiting;
        this.waiting = null;
        w(m);
      } else this.replies.push(m);
    });
    this.proc.on('exit', (code) => {
      this.exited = `node exited with ${code}`;
      this.waiting?.({ ok: false, error: this.exited });
    });
  }

  private next(): Promise<Reply> {
    const queued = this.replies.shift();
    if (queued) return Promise.resolve(queued);
    if (this.exited) return Promise.resolve({ ok: false, error: this.exited });
    return new Promise((resolve) => {
      this.waiting = resolve;
    });
  }

  async ready(): Promise<void> {
    const r = await this.next();
    assert.ok(r.ok && r.ready, r.error);
  }

  async call(cmd: object): Promise<Reply> {
    this.proc.send(cmd);
    const r = await this.next();
    assert.ok(r.ok, r.error);
    return r;
  }

  async exit(): Promise<void> {
    if (this.exited) return;
    await this.call({ cmd: 'exit' }).catch(() => this.proc.kill());
  }
}

describe('two web nodes in their own processes, one with its clock 3 s fast', () => {
  let t: TestApp;
  const nodes: Node[] = [];
  before(async () => {
    const file = testEngine === 'sqlite' ? `sqlite:${join(mkdtempSync(join(tmpdir(), 'yusr-procs-')), 'yusr.db')}` : null;
    t = await testApp(file ? { DATABASE_URL: file } : {});
    const db = t.config.database;
    const shared =
      db.kind === 'postgres'
        ? { ...testEnv(), DATABASE_URL: db.url, DATABASE_SCHEMA: db.schema ?? '' }
        : { ...testEnv(), DATABASE_URL: file ?? '' };
    nodes.push(new Node(shared), new Node({ ...shared, CLOCK_OFFSET_MS: '3000' }));
    await Promise.all(nodes.map((n) => n.ready()));
  });
  after(async () => {
    await Promise.all(nodes.map((n) => n.exit()));
    await t.close();
  });

  it('finds every publication made concurrently on both nodes, on both nodes', async () => {
    const agency = await buildAgency(t.deps);
    const drafts: { id: number; identifier: string }[] = [];
    for (let i = 0; i < 60; i++) drafts.push(await buildService(t.deps, agency.id, { identifier: `proc-${i}`, publish: false }));
    const [a, b] = nodes;
    await Promise.all([
      a.call({ cmd: 'publish', ids: drafts.slice(0, 30).map((d) => d.id), lanes: 3 }),
      b.call({ cmd: 'publish', ids: drafts.slice(30).map((d) => d.id), lanes: 3 }),
    ]);
    const expected = drafts.map((d) => d.identifier).sort();
    for (const node of nodes) {
      const listed = (await node.call({ cmd: 'list' })).identifiers ?? [];
      assert.deepEqual(
        expected.filter((x) => !listed.includes(x)),
        [],
        'publications missing from a node’s search',
      );
    }
  });
});
