// The tensor table of a .safetensors file, read from its header only (an 8-byte little-
// endian length, then that much JSON) through the range route: gigabyte models cost two
// small requests.
import { readRange } from './api.js';

const HEADER_LIMIT = 100 * 1024 * 1024; // the format's own bound on the header

/** [{name, dtype, shape, bytes}] sorted by name, and the file's __metadata__. */
export async function readTensors(path, revision) {
  const prefix = await readRange(path, revision, 0, 8);
  if (prefix.length < 8) throw new Error('not a safetensors file: shorter than 8 bytes');
  const length = Number(new DataView(prefix.buffer, prefix.byteOffset).getBigUint64(0, true));
  if (length > HEADER_LIMIT) throw new Error('not a safetensors file: header too large');
  const header = JSON.parse(new TextDecoder().decode(await readRange(path, revision, 8, length)));
  const tensors = Object.entries(header).filter(([name]) => name !== '__metadata__').map(([name, info]) => ({
    name, dtype: info.dtype, shape: info.shape, bytes: info.data_offsets[1] - info.data_offsets[0],
  }));
  tensors.sort((a, b) => a.name.localeCompare(b.name));
  return { tensors, metadata: header.__metadata__ || null };
}
