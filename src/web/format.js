// How numbers, sizes, dates and ids read on the pages, in the UI's language.
import { locale } from './i18n.js';

export function size(bytes) {
  if (bytes === null || bytes === undefined) return '';
  const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) { value /= 1024; unit += 1; }
  return `${unit ? value.toFixed(value < 10 ? 1 : 0) : value} ${units[unit]}`;
}

export const number = (value) => new Intl.NumberFormat(locale()).format(value);
export const shortId = (oid) => (oid ? oid.slice(0, 8) : '');
export const date = (iso) => (iso ? new Date(iso).toLocaleString(locale(), { dateStyle: 'medium', timeStyle: 'short' }) : '');
export const baseName = (path) => path.slice(path.lastIndexOf('/') + 1);
export const extension = (path) => {
  const name = baseName(path);
  const dot = name.lastIndexOf('.');
  return dot > 0 ? name.slice(dot + 1).toLowerCase() : '';
};
