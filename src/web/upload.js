// The two-step write protocol (SERVER.md §4) for files picked in the browser: hash each
// file in slices, ask for a plan, then send only the parts the plan asks for in one
// multipart commit. Files stay disk-backed Blobs throughout: FormData streams them, so
// browser memory stays bounded whatever their size.
import { api, session } from './api.js';
import { hashBlob } from './sha256.js';

/**
 * items: [{file, path}]; progress(index, phase, done, total) with phase 'hash'|'send'.
 * Resolves to the CommitInfo.
 */
export async function uploadFiles({ items, branch, message, description, progress }) {
  const operations = [];
  for (const [index, item] of items.entries()) {
    const sha256 = await hashBlob(item.file, (done) => progress(index, 'hash', done, item.file.size));
    // No chunk list: the plan then uploads whole files or copies identical content;
    // the server re-chunks with its own threshold either way (SERVER.md §4.3 step 6).
    operations.push({ type: 'add', path_in_repo: item.path, size: item.file.size, sha256, chunks: [] });
  }
  const manifest = { revision: branch, parent_commit: null, commit_message: message, commit_description: description || null, operations };
  const plan = await api.commitPlan(manifest);
  const body = { ...manifest, parent_commit: plan.base_head, upload_plan: plan };
  const parts = plan.operations.filter((op) => op.strategy === 'upload-full');
  if (!parts.length) {
    items.forEach((item, index) => progress(index, 'send', item.file.size, item.file.size));
    return post(JSON.stringify(body), 'application/json', () => {});
  }
  const form = new FormData();
  form.append('manifest', JSON.stringify(body));
  const offsets = [];
  let total = 0;
  for (const op of parts) {
    const { file } = items[op.index];
    form.append(op.field_name, file, op.field_name);
    offsets.push({ index: op.index, start: total, size: file.size });
    total += file.size;
  }
  plan.operations.filter((op) => op.strategy !== 'upload-full' && op.type === 'add')
    .forEach((op) => progress(op.index, 'send', items[op.index].file.size, items[op.index].file.size));
  return post(form, null, (loaded) => {
    for (const part of offsets)
      progress(part.index, 'send', Math.max(0, Math.min(part.size, loaded - part.start)), part.size);
  });
}

/** XMLHttpRequest, not fetch: only it reports upload progress. */
function post(body, contentType, onProgress) {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', '/api/v1/write/commit');
    xhr.setRequestHeader('Authorization', `Bearer ${session.token}`);
    if (contentType) xhr.setRequestHeader('Content-Type', contentType);
    xhr.upload.onprogress = (event) => onProgress(event.loaded);
    xhr.onload = () => {
      let json = null;
      try { json = JSON.parse(xhr.responseText); } catch { /* reported below */ }
      if (xhr.status >= 200 && xhr.status < 300 && json) resolve(json);
      else reject(new Error(json?.error?.message || `${xhr.status} ${xhr.statusText}`));
    };
    xhr.onerror = () => reject(new Error('network error'));
    xhr.send(body);
  });
}
