// Browser tests of the web UI: headless system Chromium (playwright-core) against a real
// `hubvault serve --mode frontend` over a fixture copy. Covers issue 14's "Done means":
// log in, file preview, commit diff, uploads (two files and 20 MiB), branch create and
// delete, gc dry run, read-only token, no console errors; prints the Commits page timing.
//
// Environment: HUBVAULT_CLI, HUBVAULT_FIXTURES_DIR, HUBVAULT_WEB_NODE_MODULES (where npm ci
// put playwright-core), CHROMIUM (default /usr/bin/chromium); optional
// HUBVAULT_WEB_SCREENSHOTS=DIR to write the README screenshots, HUBVAULT_WEB_PERF_REPO=PATH
// to time the Commits page on a large history (served read-only, in place).
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { HubvaultServer, READ_TOKEN, WRITE_TOKEN } from './HubvaultServer.mjs';

const require = createRequire(join(process.env.HUBVAULT_WEB_NODE_MODULES || new URL('.', import.meta.url).pathname, 'x.js'));
const { chromium } = require('playwright-core');

const CLI = process.env.HUBVAULT_CLI;
const FIXTURE = join(process.env.HUBVAULT_FIXTURES_DIR, 'a-small-files-paths');
const MANY_FILES = 10000;
const DESKTOP = { width: 1280, height: 800 };
const PHONE = { width: 390, height: 844 };
// Without the background-networking flags Chromium's own connections fail on machines
// without internet access, and those failures reach the console.
const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync'];

// tmpfs when there is one: committing 10,000 files syncs each object, which takes 50 s
// on a disk and 1 s in memory, and this test is about the browser, not the disk.
const scratch = existsSync('/dev/shm') ? '/dev/shm' : tmpdir();
let server;
let browser;
let work;
const consoleErrors = [];

/** A fresh tab (fresh sessionStorage) whose console errors fail the run. */
async function newPage(options = {}) {
  const context = await browser.newContext({ viewport: DESKTOP, acceptDownloads: true, locale: 'en-US', ...options });
  const page = await context.newPage();
  page.on('console', (message) => {
    if (message.type() === 'error') consoleErrors.push(`${page.url()}: ${message.text()}`);
  });
  page.on('pageerror', (error) => consoleErrors.push(`${page.url()}: ${error.message}`));
  return page;
}

async function logIn(page, token, path = '/') {
  await page.goto(server.url + path);
  await page.waitForURL(/\/login/);
  await page.fill('#token', token);
  await page.click('form button[type=submit]');
  await page.waitForURL((url) => !url.pathname.startsWith('/login'));
}

const sha256 = (bytes) => createHash('sha256').update(bytes).digest('hex');

/** A minimal .safetensors file: 8-byte header length, JSON header, tensor data. */
function safetensors() {
  const header = JSON.stringify({ __metadata__: { format: 'pt' }, 'encoder.weight': { dtype: 'F32', shape: [2, 3], data_offsets: [0, 24] },
    'encoder.bias': { dtype: 'F32', shape: [3], data_offsets: [24, 36] } });
  const length = Buffer.alloc(8);
  length.writeBigUInt64LE(BigInt(header.length));
  return Buffer.concat([length, Buffer.from(header), Buffer.alloc(36, 1)]);
}

before(async () => {
  work = mkdtempSync(join(scratch, 'hubvault-web-files-'));
  const many = join(work, 'many');
  mkdirSync(many);
  for (let i = 0; i < MANY_FILES; i += 1) writeFileSync(join(many, `file-${String(i).padStart(5, '0')}.txt`), `${i}\n`);
  server = await HubvaultServer.start({
    cli: CLI, repository: FIXTURE, scratch,
    prepare: (repo) => execFileSync(CLI, ['-C', repo, 'commit', '-q', '-m', 'Add 10,000 files', '--add', `many=${many}`]),
  });
  browser = await chromium.launch({ executablePath: process.env.CHROMIUM || '/usr/bin/chromium', args: CHROMIUM_ARGS });
});

after(async () => {
  await browser?.close();
  await server?.stop();
  if (work) rmSync(work, { recursive: true, force: true });
});

test('GET / is the UI page mentioning hubvault, and the service says the UI is enabled', async () => {
  const page = await fetch(`${server.url}/`);
  assert.equal(page.status, 200);
  assert.match(page.headers.get('content-type'), /^text\/html/);
  assert.match(await page.text(), /hubvault/);
  const service = await (await server.api('GET', '/meta/service')).json();
  assert.equal(service.mode, 'frontend');
  assert.equal(service.ui_enabled, true);
});

test('assets carry types and ETags, unknown paths fall back to the app, /api/ misses stay 404', async () => {
  const script = await fetch(`${server.url}/app.js`);
  assert.match(script.headers.get('content-type'), /^text\/javascript/);
  const etag = script.headers.get('etag');
  assert.ok(etag);
  const again = await fetch(`${server.url}/app.js`, { headers: { 'If-None-Match': etag } });
  assert.equal(again.status, 304);
  const deep = await fetch(`${server.url}/files?path=a/b`);
  assert.equal(deep.status, 200);
  assert.match(await deep.text(), /<title>hubvault<\/title>/);
  const traversal = await fetch(`${server.url}/..%2F..%2Fetc/passwd`);
  assert.match(await traversal.text(), /<title>hubvault<\/title>/);
  const miss = await fetch(`${server.url}/api/v1/nothing`);
  assert.equal(miss.status, 404);
  // Browsers accept brotli; the server must still answer uncompressed (SERVER.md §0).
  const listing = await fetch(`${server.url}/api/v1/refs`, { headers: { Authorization: `Bearer ${READ_TOKEN}`, 'Accept-Encoding': 'br, gzip' } });
  assert.equal(listing.headers.get('content-encoding'), null);
});

test('read-write session: log in, overview, preview, download, commit diff', async () => {
  const page = await newPage();
  await logIn(page, WRITE_TOKEN);
  await page.getByRole('heading', { name: 'Repository' }).waitFor();
  await page.locator('.markdown').first().waitFor();
  assert.equal(await page.locator('.card').count(), 5);
  assert.equal(await page.locator('[data-nav="/upload"]').count(), 1);

  await page.click('[data-nav="/files"]');
  await page.getByRole('row', { name: /bundle/ }).click();
  await page.getByRole('row', { name: /cfg/ }).click();
  await page.getByRole('row', { name: /config\.json/ }).click();
  await page.waitForURL(/\/file\?/);
  const code = page.locator('.preview pre.code');
  await code.waitFor();
  const config = await (await server.api('GET', '/content/blob/bundle/cfg/config.json')).json();
  assert.deepEqual(JSON.parse(await code.innerText()), config);
  assert.ok(await page.locator('.preview .tok-string').count() > 0, 'JSON is syntax-coloured');

  const [download] = await Promise.all([page.waitForEvent('download'), page.click('#download')]);
  assert.equal(download.suggestedFilename(), 'config.json');
  assert.deepEqual(JSON.parse(readFileSync(await download.path(), 'utf8')), config);

  await page.click('[data-nav="/commits"]');
  await page.getByRole('row', { name: /Update guide/ }).click();
  await page.waitForURL(/\/commit\?id=/);
  await page.locator('table.diff.unified').first().waitFor();
  assert.ok(await page.locator('table.diff tr.add').count() > 0);
  assert.ok(await page.locator('table.diff tr.del').count() > 0);
  await page.getByRole('button', { name: 'Side by side' }).click();
  await page.locator('table.diff.split').first().waitFor();
  assert.ok(await page.locator('table.diff.split td.add').count() > 0);
  await page.context().close();
});

test('upload two files and a 20 MiB file, then see the commit in the history', async () => {
  const page = await newPage();
  await logIn(page, WRITE_TOKEN, '/upload');
  const big = Buffer.alloc(20 * 1024 * 1024);
  for (let i = 0; i < big.length; i += 4096) big.writeUInt32LE(i * 2654435761 >>> 0, i);
  const files = { 'notes.md': Buffer.from('# Notes\n\nUploaded from the **browser**; see [the model](model.safetensors).\n'), 'model.safetensors': safetensors(), 'big.bin': big };
  for (const [name, bytes] of Object.entries(files)) writeFileSync(join(work, name), bytes);
  await page.setInputFiles('#upload-files', Object.keys(files).map((name) => join(work, name)));
  assert.equal(await page.locator('.queue li').count(), 3);
  await page.fill('#upload-folder', 'web');
  await page.fill('#upload-message', 'Upload from the browser test');
  await page.click('form.upload button[type=submit]');
  await page.locator('#upload-commit').waitFor({ timeout: 60000 });
  const infos = await (await server.api('POST', '/content/paths-info', { body: Object.keys(files).map((name) => `web/${name}`) })).json();
  assert.deepEqual(infos.map((info) => info.sha256), Object.values(files).map(sha256));

  await page.click('[data-nav="/commits"]');
  const first = page.locator('.commits .vlist-spacer .vlist-row').first();
  await first.waitFor();
  assert.match(await first.innerText(), /Upload from the browser test/);

  await page.goto(`${server.url}/file?rev=main&path=web/notes.md`);
  assert.equal(await page.locator('.preview .markdown strong').innerText(), 'browser');
  await page.getByRole('link', { name: 'the model' }).click();
  await page.waitForURL(/path=web%2Fmodel\.safetensors/);
  await page.goto(`${server.url}/file?rev=main&path=bundle/cfg/weights.bin`);
  assert.match(await page.getByLabel('Hex dump').innerText(), /^00000000  85 aa 9e 1e/);
  await page.goto(`${server.url}/file?rev=main&path=web/model.safetensors`);
  await page.getByRole('table', { name: 'Tensors' }).waitFor();
  assert.match(await page.getByRole('table', { name: 'Tensors' }).innerText(), /encoder\.weight[\s\S]*F32[\s\S]*\[2, 3\]/);
  await page.context().close();
});

test('create and delete a branch, run a gc dry run', async () => {
  const page = await newPage();
  await logIn(page, WRITE_TOKEN, '/refs');
  await page.fill('#new-branch', 'web-test-branch');
  await page.click('#create-branch button[type=submit]');
  await page.locator('tr[data-ref="web-test-branch"]').waitFor();
  const refs = await (await server.api('GET', '/refs')).json();
  assert.ok(refs.branches.some((branch) => branch.name === 'web-test-branch'));
  await page.getByRole('button', { name: 'Delete web-test-branch' }).click();
  await page.click('#dialog-confirm');
  await page.locator('tr[data-ref="web-test-branch"]').waitFor({ state: 'detached' });
  const refsAfter = await (await server.api('GET', '/refs')).json();
  assert.ok(!refsAfter.branches.some((branch) => branch.name === 'web-test-branch'));

  const summary = async () => (await server.api('GET', '/maintenance/storage-summary')).json();
  const usage = await summary();
  await page.click('[data-nav="/storage"]');
  await page.click('#gc-dry-run');
  await page.getByRole('heading', { name: 'gc would reclaim' }).waitFor();
  assert.match(await page.locator('#storage-output').innerText(), /dry-run: no files were modified/);
  assert.deepEqual(await summary(), usage);
  await page.context().close();
});

const svg = (colour) => `<svg xmlns="http://www.w3.org/2000/svg" width="40" height="20"><rect width="40" height="20" fill="${colour}"/></svg>`;

/** Uploads `files` ({name: bytes}) into folder web/ of `branch` through the Upload page. */
async function uploadThroughPage(page, branch, files, message) {
  await page.goto(`${server.url}/upload?branch=${branch}`);
  const dir = mkdtempSync(join(work, 'upload-'));
  for (const [name, bytes] of Object.entries(files)) writeFileSync(join(dir, name), bytes);
  await page.setInputFiles('#upload-files', Object.keys(files).map((name) => join(dir, name)));
  await page.fill('#upload-folder', 'web');
  await page.fill('#upload-message', message);
  await page.click('form.upload button[type=submit]');
  await page.locator('#upload-commit').waitFor({ timeout: 60000 });
}

test('image compare, tensor diff, CSV, path filter, merge after its preview, reset, tags', async () => {
  const page = await newPage();
  await logIn(page, WRITE_TOKEN, '/refs');
  await page.fill('#new-branch', 'web-merge');
  await page.click('#create-branch button[type=submit]');
  await page.locator('tr[data-ref="web-merge"]').waitFor();
  await uploadThroughPage(page, 'web-merge', { 'pic.svg': svg('red'), 'model.safetensors': safetensors() }, 'Add a picture and a model');
  const grown = Buffer.from(JSON.stringify({ 'decoder.weight': { dtype: 'F16', shape: [4], data_offsets: [0, 8] } }));
  const length = Buffer.alloc(8);
  length.writeBigUInt64LE(BigInt(grown.length));
  await uploadThroughPage(page, 'web-merge', {
    'pic.svg': svg('blue'), 'model.safetensors': Buffer.concat([length, grown, Buffer.alloc(8)]), 'table.csv': 'name,score\nalpha,1\n"b, quoted",2\n',
  }, 'Second upload on a branch');

  await page.click('#upload-commit');
  await page.getByRole('group', { name: 'Compare mode' }).waitFor();
  assert.ok(await page.locator('.compare img').first().evaluate((img) => img.decode().then(() => img.naturalWidth)) > 0);
  await page.getByRole('button', { name: 'Swipe' }).click();
  await page.getByRole('slider', { name: 'Swipe position' }).fill('20');
  await page.getByRole('button', { name: 'Onion skin' }).click();
  await page.getByRole('slider', { name: 'Opacity of the new image' }).waitFor();
  const tensors = page.getByRole('table', { name: 'Tensor changes' });
  await tensors.waitFor();
  assert.match(await tensors.locator('tr', { hasText: 'decoder.weight' }).innerText(), /added/);
  assert.match(await tensors.locator('tr', { hasText: 'encoder.weight' }).innerText(), /deleted/);

  await page.goto(`${server.url}/file?rev=web-merge&path=web/table.csv`);
  const csv = page.getByRole('table', { name: 'web/table.csv' });
  await csv.waitFor();
  assert.deepEqual(await csv.locator('tbody tr').allInnerTexts(), ['alpha\t1', 'b, quoted\t2']);

  await page.goto(`${server.url}/commits?rev=web-merge&path=web/pic.svg`);
  await page.getByText('2 commits').waitFor();
  assert.deepEqual(await page.locator('.commits .vlist-spacer .vlist-row .title').allInnerTexts(), ['Second upload on a branch', 'Add a picture and a model']);

  await page.click('[data-nav="/refs"]');
  await page.selectOption('#merge-source', 'web-merge');
  await page.selectOption('#merge-target', 'main');
  await page.click('#merge button[type=submit]');
  await page.getByText('2 commits to merge, 3 files differ.').waitFor();
  await page.click('#merge-run');
  await page.getByText('Merged web-merge into main.').waitFor();
  const merged = await (await server.api('POST', '/content/paths-info', { body: ['web/table.csv'] })).json();
  assert.equal(merged.length, 1);

  page.once('dialog', (dialog) => dialog.accept('main'));
  await page.getByRole('button', { name: 'Reset web-merge' }).click();
  await page.click('#dialog-confirm');
  await page.getByText('Reset web-merge.').waitFor();
  const refs = await (await server.api('GET', '/refs')).json();
  const head = (name) => refs.branches.find((branch) => branch.name === name).target_commit;
  assert.equal(head('web-merge'), head('main'));

  await page.fill('#new-tag', 'web-v1');
  await page.fill('#new-tag-message', 'tagged in the browser');
  await page.click('#create-tag button[type=submit]');
  await page.locator('tr[data-ref="web-v1"]').waitFor();
  await page.getByRole('button', { name: 'Delete web-v1' }).click();
  await page.click('#dialog-confirm');
  await page.locator('tr[data-ref="web-v1"]').waitFor({ state: 'detached' });
  await page.context().close();
});

test('read-only token: no write controls, and the API refuses writes', async () => {
  const page = await newPage();
  await logIn(page, READ_TOKEN);
  await page.getByRole('heading', { name: 'Repository' }).waitFor();
  assert.equal(await page.locator('[data-nav="/upload"]').count(), 0);
  await page.keyboard.press('g');
  await page.keyboard.press('u');
  assert.equal(new URL(page.url()).pathname, '/', 'no shortcut to a page the token cannot use');
  await page.keyboard.press('g');
  await page.keyboard.press('r');
  await page.waitForURL(/\/refs$/);
  await page.locator('#branches-table').waitFor();
  assert.equal(await page.locator('#create-branch, #create-tag, #merge, td.actions button').count(), 0);
  await page.click('[data-nav="/storage"]');
  await page.locator('#quick-verify').waitFor();
  assert.equal(await page.locator('#gc-dry-run, #gc-run, #squash').count(), 0);
  await page.goto(`${server.url}/upload`);
  await page.getByRole('alert').waitFor();
  assert.equal(await page.locator('#upload-files').count(), 0);
  await page.context().close();
  for (const [method, path, body] of [['POST', '/write/branches', { branch: 'ro-branch' }], ['POST', '/maintenance/gc', { dry_run: true }],
    ['DELETE', '/write/branches/main'], ['POST', '/write/commit-plan', { revision: null, commit_message: 'x', operations: [] }]]) {
    const response = await server.api(method, path, { token: READ_TOKEN, body });
    assert.equal(response.status, 403, `${method} ${path}`);
  }
});

test('a 10,000-file folder is virtualised', async () => {
  const page = await newPage();
  await logIn(page, READ_TOKEN, '/files?rev=main&path=many');
  await page.getByText(`${MANY_FILES.toLocaleString('en')} entries`).waitFor();
  const rendered = await page.locator('.files .vlist-spacer .vlist-row').count();
  assert.ok(rendered > 0 && rendered < 100, `${rendered} rows in the DOM`);
  await page.locator('.files .vlist-spacer .vlist-row').first().focus();
  await page.keyboard.press('End');
  await page.getByRole('row', { name: /file-09999\.txt/ }).waitFor();
  assert.ok(await page.locator('.files .vlist-spacer .vlist-row').count() < 100);
  await page.context().close();
});

test('Simplified Chinese follows the browser language', async () => {
  const page = await newPage({ locale: 'zh-CN' });
  await logIn(page, READ_TOKEN);
  await page.getByRole('heading', { name: '仓库' }).waitFor();
  assert.equal(await page.locator('[data-nav="/files"]').innerText(), '文件');
  await page.context().close();
});

/**
 * Times of the Commits page from navigation start: its first rows (the page's own
 * performance.measure) and the whole history's request (resource timing).
 */
async function commitsTiming(token) {
  const page = await newPage();
  try {
    await logIn(page, token, '/commits');
    await page.reload();
    await page.waitForFunction(() => performance.getEntriesByName('hubvault:commits-first-rows').length > 0, null, { timeout: 120000 });
    const firstRows = await page.evaluate(() => {
      const measure = performance.getEntriesByName('hubvault:commits-first-rows')[0];
      return { total: measure.startTime + measure.duration, rows: document.querySelectorAll('.commits .vlist-spacer .vlist-row').length };
    });
    await page.waitForFunction(() => performance.getEntriesByType('resource').some((entry) => entry.name.includes('/history/commits?')),
      null, { timeout: 120000 });
    await page.waitForLoadState('networkidle');
    return await page.evaluate((first) => {
      const history = performance.getEntriesByType('resource').find((entry) => entry.name.includes('/history/commits?'));
      return { ...first, historyEnd: history.responseEnd, bytes: history.encodedBodySize, commits: document.querySelector('main p.muted').textContent };
    }, firstRows);
  } finally {
    await page.context().close();
  }
}

test('Commits page timing (reported, not asserted)', async () => {
  const report = (name, timing) => console.log(`# commits page (${name}, ${timing.commits}): first ${timing.rows} rows `
    + `${timing.total.toFixed(0)} ms after navigation start; whole history (${timing.bytes} bytes) received after ${timing.historyEnd.toFixed(0)} ms`);
  report('fixture', await commitsTiming(READ_TOKEN));
  if (process.env.HUBVAULT_WEB_PERF_REPO) {
    const large = await HubvaultServer.start({ cli: CLI, repository: process.env.HUBVAULT_WEB_PERF_REPO, inPlace: true });
    const saved = server;
    try {
      server = large;
      report(process.env.HUBVAULT_WEB_PERF_REPO, await commitsTiming(READ_TOKEN));
    } finally {
      server = saved;
      await large.stop();
    }
  }
});

const SCREENSHOT_PAGES = [
  ['login', '/login', '#token'],
  ['overview', '/', '.markdown h1'],
  ['files', '/files?rev=main&path=', '.files .vlist-spacer .vlist-row'],
  ['file', '/file?rev=main&path=bundle/cfg/config.json', '.preview pre.code'],
  ['commits', '/commits', '.commits .vlist-spacer .vlist-row svg circle'],
  ['commit', null, 'table.diff'],
  ['refs', '/refs', '#create-branch'],
  ['upload', '/upload', '.dropzone'],
  ['storage', '/storage', '#gc-dry-run'],
];

test('screenshots of every page, light and dark, desktop and phone', { skip: !process.env.HUBVAULT_WEB_SCREENSHOTS }, async () => {
  const dir = process.env.HUBVAULT_WEB_SCREENSHOTS;
  mkdirSync(dir, { recursive: true });
  const commits = await (await server.api('GET', '/history/commits')).json();
  const diffCommit = commits.find((commit) => commit.title === 'Update guide').commit_id;
  for (const colorScheme of ['light', 'dark']) {
    for (const [device, viewport] of [['desktop', DESKTOP], ['phone', PHONE]]) {
      const page = await newPage({ colorScheme, viewport, deviceScaleFactor: 1 });
      for (const [name, path, ready] of SCREENSHOT_PAGES) {
        if (name === 'login') await page.goto(server.url + path);
        else if (name === 'overview') await logIn(page, WRITE_TOKEN);
        else await page.goto(server.url + (path || `/commit?id=${diffCommit}`));
        await page.locator(ready).first().waitFor();
        await page.waitForLoadState('networkidle');
        await page.screenshot({ path: join(dir, `web-${name}-${colorScheme}-${device}.png`) });
      }
      await page.context().close();
    }
  }
});

test('no console errors during the run', () => {
  assert.deepEqual(consoleErrors, []);
});
