// A real `hubvault serve --mode frontend` on 127.0.0.1 over a copy of a fixture, for the
// browser tests: started on a free port, stopped by its PID (also when the test fails,
// and by the kernel when the test process dies: setpriv --pdeathsig).
import { execFileSync, spawn } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const READ_TOKEN = 'web-ro-token';
export const WRITE_TOKEN = 'web-rw-token';

function freePort() {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address();
      probe.close(() => resolve(port));
    });
  });
}

export class HubvaultServer {
  /**
   * Copies `repository` (unless `inPlace`), lets `prepare(path)` change the copy, and
   * serves it; resolves once it listens.
   */
  static async start({ cli, repository, inPlace = false, prepare, scratch = tmpdir(), accessLog = '-' }) {
    const server = new HubvaultServer();
    server.tmp = mkdtempSync(join(scratch, 'hubvault-web-'));
    server.repo = inPlace ? repository : join(server.tmp, 'repo');
    if (!inPlace) {
      cpSync(repository, server.repo, { recursive: true });
      // The fixtures are read-only; the copy is written to.
      execFileSync('chmod', ['-R', 'u+w', server.repo]);
    }
    await prepare?.(server.repo);
    server.port = await freePort();
    server.url = `http://127.0.0.1:${server.port}`;
    server.child = spawn('setpriv', ['--pdeathsig', 'TERM', '--', cli, 'serve', '--host', '127.0.0.1',
      '--port', String(server.port), '--mode', 'frontend', '--token-ro', READ_TOKEN, '--token-rw', WRITE_TOKEN,
      '--access-log', accessLog, server.repo], { stdio: ['ignore', 'ignore', 'pipe'] });
    process.on('exit', () => server.kill());
    let stderr = '';
    await new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`hubvault serve did not start: ${stderr}`)), 20000);
      server.child.stderr.on('data', (data) => {
        stderr += data;
        if (stderr.includes('serving ')) { clearTimeout(timer); resolve(); }
      });
      server.child.once('exit', (code) => { clearTimeout(timer); reject(new Error(`hubvault serve exited ${code}: ${stderr}`)); });
    });
    return server;
  }

  kill() {
    if (this.child && this.child.exitCode === null && this.child.signalCode === null) {
      try { process.kill(this.child.pid, 'SIGTERM'); } catch { /* already gone */ }
    }
  }

  /** SIGTERM by PID, wait for the exit, remove the copy. */
  async stop() {
    if (this.child && this.child.exitCode === null && this.child.signalCode === null) {
      const exited = new Promise((resolve) => this.child.once('exit', resolve));
      this.kill();
      const timer = setTimeout(() => { try { process.kill(this.child.pid, 'SIGKILL'); } catch { /* gone */ } }, 10000);
      await exited;
      clearTimeout(timer);
    }
    rmSync(this.tmp, { recursive: true, force: true });
  }

  /** A request to the API from outside the browser. */
  api(method, path, { token = READ_TOKEN, body } = {}) {
    return fetch(`${this.url}/api/v1${path}`, {
      method,
      headers: { Authorization: `Bearer ${token}`, ...(body ? { 'Content-Type': 'application/json' } : {}) },
      body: body ? JSON.stringify(body) : undefined,
    });
  }
}
