// Syntax colouring for the code viewer: one tokenizer per family of languages (C-like,
// Python/shell-like, markup, data), good enough to read code, returned as DOM spans.
import { h } from './dom.js';

const KEYWORDS = new Set(('if else for while do return function const let var class struct enum import from export '
  + 'def lambda try except finally raise with as in is not and or pass yield async await new delete throw catch '
  + 'switch case break continue default public private protected static void int float double bool char auto '
  + 'namespace using template typename fn pub mod impl trait match loop mut package func go type interface '
  + 'true false null None True False nil self this echo then fi elif esac done local export').split(' '));

const FAMILY = {
  hash: /^(py|sh|bash|zsh|rb|pl|r|yaml|yml|toml|cfg|ini|conf|cmake|txt|dockerfile|makefile|mk)$/,
  slash: /^(js|mjs|cjs|ts|tsx|jsx|c|h|cc|cpp|hpp|cxx|java|kt|go|rs|swift|cs|scala|php|css|scss|json|jsonc|proto|qml)$/,
  markup: /^(html|htm|xml|svg|vue|ui|qrc|ts-xml)$/,
};

function tokenPattern(language) {
  const comment = FAMILY.hash.test(language) ? '#[^\\n]*'
    : FAMILY.markup.test(language) ? '<!--[\\s\\S]*?-->'
      : language === 'sql' || language === 'lua' ? '--[^\\n]*' : '\\/\\/[^\\n]*|\\/\\*[\\s\\S]*?\\*\\/';
  const tag = FAMILY.markup.test(language) ? '|(<\\/?[\\w:-]+|\\/?>)' : '|()';
  return new RegExp(`(${comment})|("(?:[^"\\\\\\n]|\\\\.)*"|'(?:[^'\\\\\\n]|\\\\.)*'|\`(?:[^\`\\\\]|\\\\.)*\`)`
    + `|(\\b\\d[\\d_]*(?:\\.\\d+)?(?:[eE][+-]?\\d+)?\\b|\\b0x[\\da-fA-F]+\\b)|([A-Za-z_][\\w]*)${tag}`, 'g');
}

/** `text` as nodes with tok-* classes; plain text for unknown languages or huge inputs. */
export function highlight(text, language) {
  const lang = (language || '').toLowerCase();
  if (text.length > 400000 || !(FAMILY.hash.test(lang) || FAMILY.slash.test(lang) || FAMILY.markup.test(lang) || lang === 'sql'))
    return [text];
  const out = [];
  let last = 0;
  for (const match of text.matchAll(tokenPattern(lang))) {
    const [whole, comment, string, num, word, tag] = match;
    let cls = null;
    if (comment) cls = 'tok-comment';
    else if (string) cls = 'tok-string';
    else if (num) cls = 'tok-number';
    else if (tag) cls = 'tok-keyword';
    else if (word && KEYWORDS.has(word)) cls = 'tok-keyword';
    if (!cls) continue;
    if (match.index > last) out.push(text.slice(last, match.index));
    out.push(h(`span.${cls}`, whole));
    last = match.index + whole.length;
  }
  if (last < text.length) out.push(text.slice(last));
  return out;
}
