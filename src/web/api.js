// The server's public HTTP API (SERVER.md §3) as the pages use it: one request helper
// with the token, error envelopes turned into ApiError, and URL builders for links.

const TOKEN_KEY = 'hubvault.webui.token'; // the original UI's sessionStorage key (SERVER.md §7)

export class ApiError extends Error {
  constructor(status, type, message) {
    super(message);
    this.status = status;
    this.type = type;
  }
}

export const session = {
  get token() { return sessionStorage.getItem(TOKEN_KEY) || ''; },
  set token(value) {
    if (value) sessionStorage.setItem(TOKEN_KEY, value);
    else sessionStorage.removeItem(TOKEN_KEY);
  },
};

/** Path segments keep `/` (file paths), as the original's client quotes them. */
const encodePath = (path) => path.split('/').map(encodeURIComponent).join('/');

function query(params) {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params || {}))
    if (value !== undefined && value !== null && value !== '') search.set(key, String(value));
  const text = search.toString();
  return text ? `?${text}` : '';
}

async function errorOf(response) {
  let type = 'HTTPException';
  let message = `${response.status} ${response.statusText}`;
  try {
    const body = await response.json();
    if (body.error) ({ type, message } = body.error);
    else if (body.detail) message = typeof body.detail === 'string' ? body.detail : JSON.stringify(body.detail);
  } catch { /* a non-JSON error body keeps the status line */ }
  return new ApiError(response.status, type, message);
}

/** A request to /api/v1; JSON in and out unless `raw` asks for the Response. */
async function request(method, path, { params, body, raw, token } = {}) {
  const init = { method, headers: { Authorization: `Bearer ${token ?? session.token}` } };
  if (body !== undefined) {
    init.headers['Content-Type'] = 'application/json';
    init.body = JSON.stringify(body);
  }
  const response = await fetch(`/api/v1${path}${query(params)}`, init);
  if (!response.ok) throw await errorOf(response);
  return raw ? response : response.json();
}

const get = (path, params) => request('GET', path, { params });
const post = (path, body, params) => request('POST', path, { body, params });

/** Bytes [start, start+length) of a file, through the range route (never the whole file). */
export async function readRange(path, revision, start, length) {
  const response = await request('GET', `/content/blob/${encodePath(path)}/range`, {
    params: { start, length, revision }, raw: true,
  });
  return new Uint8Array(await response.arrayBuffer());
}

/**
 * A URL for elements that cannot send headers (<img>, <video>, <a download>): read routes
 * accept the token as a query parameter (SERVER.md §2), and the server streams the body
 * and honours Range, so the browser never holds the whole file.
 */
export function blobUrl(path, revision, { download = false } = {}) {
  const route = download ? 'download' : 'blob';
  return `/api/v1/content/${route}/${encodePath(path)}${query({ revision, token: session.token })}`;
}

export const api = {
  service: () => get('/meta/service'),
  whoami: (token) => request('GET', '/meta/whoami', { token }),
  repo: (revision) => get('/repo', { revision }),
  refs: () => get('/refs'),
  tree: (path, revision, recursive = false) => get('/content/tree', { path_in_repo: path, recursive, revision }),
  files: (revision) => get('/content/files', { revision }),
  pathsInfo: (paths, revision) => post('/content/paths-info', paths, { revision }),
  commits: (revision) => get('/history/commits', { revision }),
  commit: (id) => get(`/history/commits/${encodeURIComponent(id)}`),
  storageSummary: () => get('/maintenance/storage-summary'),
  storageOverview: () => get('/maintenance/storage-overview'),
  verify: (full) => post(full ? '/maintenance/full-verify' : '/maintenance/quick-verify'),
  gc: (dryRun) => post('/maintenance/gc', { dry_run: dryRun, prune_cache: true }),
  squash: (body) => post('/maintenance/squash-history', body),
  createBranch: (branch, revision) => post('/write/branches', { branch, revision: revision || null, exist_ok: false }),
  deleteBranch: (branch) => request('DELETE', `/write/branches/${encodeURIComponent(branch)}`),
  createTag: (tag, revision, message) =>
    post('/write/tags', { tag, tag_message: message || null, revision: revision || null, exist_ok: false }),
  deleteTag: (tag) => request('DELETE', `/write/tags/${encodeURIComponent(tag)}`),
  merge: (source, target, message) => post('/write/merge', {
    source_revision: source, target_revision: target, parent_commit: null,
    commit_message: message || null, commit_description: null,
  }),
  resetRef: (ref, to) => post('/write/reset-ref', { ref_name: ref, to_revision: to }),
  commitPlan: (manifest) => post('/write/commit-plan', manifest),
};
