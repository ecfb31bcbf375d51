// docs/deploy/nginx.conf is a configuration nginx accepts (`nginx -t`), wherever nginx is installed.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';

const conf = join(import.meta.dirname, '../docs/deploy/nginx.conf');
const found = (cmd: string) => spawnSync(cmd, ['-v'], { encoding: 'utf8' }).error === undefined;
const skip = !found('nginx')
  ? 'nginx is not installed (apt-get install nginx-light)'
  : !found('openssl')
    ? 'openssl is not installed (the check needs a stand-in certificate)'
    : false;

describe('docs/deploy/nginx.conf', () => {
  const text = readFileSync(conf, 'utf8');

  it('sets X-Forwarded-For to the address nginx saw (TRUST_PROXY=1) and never retries a POST', () => {
    assert.match(text, /^\s*proxy_set_header X-Forwarded-For \$remote_addr;/m);
    assert.doesNotMatch(text, /^\s*proxy_next_upstream[^#\n]*non_idempotent/m);
    assert.match(text, /^\s*proxy_next_upstream error timeout/m);
    assert.match(text, /max_fails=\d+ fail_timeout=\d+s/);
  });

  it('passes `nginx -t`', { skip }, () => {
    const dir = mkdtempSync(join(tmpdir(), 'yusr-nginx-'));
    try {
      // A stand-in certificate where the sample says FILL IN.
      const cert = join(dir, 'fullchain.pem');
      const key = join(dir, 'privkey.pem');
      const ssl = spawnSync(
        'openssl',
        ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '1', '-subj', '/CN=yusr.test', '-keyout', key, '-out', cert],
        { encoding: 'utf8' },
      );
      assert.equal(ssl.status, 0, ssl.stderr);
      const site = join(dir, 'yusr.conf');
      writeFileSync(site, text.replace('/etc/ssl/yusr/fullchain.pem', cert).replace('/etc/ssl/yusr/privkey.pem', key));
      for (const d of ['body', 'proxy', 'fastcgi', 'uwsgi', 'scgi']) mkdirSync(join(dir, d));
      const main = join(dir, 'nginx.conf');
      writeFileSync(
        main,
        `pid ${dir}/nginx.pid;
error_log ${dir}/error.log;
events {}
http {
  access_log off;
  client_body_temp_path ${dir}/body;
  proxy_temp_path ${dir}/proxy;
  fastcgi_temp_path ${dir}/fastcgi;
  uwsgi_temp_path ${dir}/uwsgi;
  scgi_temp_path ${dir}/scgi;
  include ${site};
}
`,
      );
      const r = spawnSync('nginx', ['-t', '-p', dir, '-c', main], { encoding: 'utf8' });
      assert.equal(r.status, 0, r.stderr);
      assert.match(r.stderr, /test is successful/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
