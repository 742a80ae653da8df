// The UI's language follows the browser's (English or Simplified Chinese); t() looks up a
// key and fills {name} placeholders. A key missing from a translation falls back to English.
import en from './i18n/en.js';
import zhCN from './i18n/zh-CN.js';

const chinese = (navigator.languages || [navigator.language]).some((tag) => /^zh\b(?!-(TW|HK|MO|Hant))/i.test(tag));
const strings = chinese ? zhCN : en;

export const locale = () => (chinese ? 'zh-CN' : 'en');

export function t(key, params) {
  const text = strings[key] ?? en[key] ?? key;
  return params ? text.replace(/\{(\w+)\}/g, (_, name) => String(params[name] ?? '')) : text;
}
