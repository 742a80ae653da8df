// Image compare for a changed image: side by side, swipe (a slider reveals the new image
// over the old) and onion skin (the new image's opacity), as in code review tools.
import { h, clear } from './dom.js';
import { t } from './i18n.js';

export function imageCompare(oldSrc, newSrc, name) {
  const stage = h('div.compare-stage');
  const modes = ['side', 'swipe', 'onion'];
  let mode = 'side';
  const buttons = modes.map((m) => h('button', { type: 'button', 'aria-pressed': String(m === 'side'), onclick: () => show(m) }, t(`compare.${m}`)));
  function show(next) {
    mode = next;
    buttons.forEach((button, i) => button.setAttribute('aria-pressed', String(modes[i] === mode)));
    if (mode === 'side') {
      clear(stage, h('div.compare-side',
        h('figure', h('img', { src: oldSrc, alt: `${name} (${t('compare.before')})` }), h('figcaption', t('compare.before'))),
        h('figure', h('img', { src: newSrc, alt: `${name} (${t('compare.after')})` }), h('figcaption', t('compare.after')))));
      return;
    }
    const top = h('img.compare-top', { src: newSrc, alt: `${name} (${t('compare.after')})` });
    const slider = h('input', { type: 'range', min: 0, max: 100, value: 50, 'aria-label': t(`compare.${mode}Amount`) });
    const apply = () => {
      if (mode === 'swipe') top.style.clipPath = `inset(0 ${100 - slider.value}% 0 0)`;
      else top.style.opacity = String(slider.value / 100);
    };
    slider.addEventListener('input', apply);
    clear(stage, h('div.compare-overlay', h('img', { src: oldSrc, alt: `${name} (${t('compare.before')})` }), top), slider);
    apply();
  }
  show('side');
  return h('div.compare', h('div.segmented', { role: 'group', 'aria-label': t('compare.mode') }, buttons), stage);
}
