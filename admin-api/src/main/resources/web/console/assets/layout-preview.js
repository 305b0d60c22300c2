// Where each participant goes: draws the answer of POST /v1/Compositions/Preview (the composer's
// own layout engine run over the room's recordings) as boxes on a scaled canvas, one view per
// stretch of the output in which the placements stay the same.
import { h, fill } from './ui.js';
import { duration } from './format.js';

/** Draws the preview into {@code el}; a segment selector switches between stretches. */
export function draw(el, preview) {
  if (preview.note) {
    fill(el, h('p', { class: 'meta', id: 'preview-note' }, preview.note));
    return;
  }
  // Stretches shorter than a frame are left out; the first one showing the most people is shown first.
  const segments = preview.segments.filter((s) => s.end_ms - s.start_ms >= 40);
  if (!segments.length) {
    fill(el, h('p', { class: 'meta', id: 'preview-note' }, 'No video is placed: the composition would be audio only.'));
    return;
  }
  const canvas = h('div', { class: 'preview-canvas', id: 'preview-canvas', role: 'img' });
  const most = segments.reduce((best, s, i) => (s.placements.length > segments[best].placements.length ? i : best), 0);
  const select = h('select', { id: 'preview-segment' }, segments.map((s, i) =>
    h('option', { value: String(i), selected: i === most }, `${duration(s.start_ms / 1000)}–${duration(s.end_ms / 1000)}: ${s.placements.length} shown`)));
  const show = () => segment(canvas, preview, segments[Number(select.value)]);
  select.addEventListener('change', show);
  fill(el, h('div', { class: 'field' }, h('label', { for: 'preview-segment' }, 'Stretch of the composition'), select),
    canvas, h('p', { class: 'meta' }, `${preview.width}×${preview.height}, about ${duration(preview.duration)} long; `
      + `audio from ${preview.audio_sources.length} recording${preview.audio_sources.length === 1 ? '' : 's'}.`));
  show();
}

function segment(canvas, preview, s) {
  // Sizes in percent of the canvas, so the drawing follows the page's width.
  canvas.style.aspectRatio = `${preview.width} / ${preview.height}`;
  const pct = (v, of) => `${(100 * v / of).toFixed(3)}%`;
  const regions = preview.regions.map((r) => {
    const box = h('div', { class: 'preview-region', title: `region ${r.name}` }, h('span', {}, r.name));
    Object.assign(box.style, { left: pct(r.x, preview.width), top: pct(r.y, preview.height),
      width: pct(r.width, preview.width), height: pct(r.height, preview.height) });
    return box;
  });
  const cells = s.placements.map((p) => {
    const who = p.participant_identity || p.participant_sid || '?';
    const box = h('div', { class: 'preview-cell', dataset: { identity: who } },
      h('strong', {}, who), h('span', {}, p.track_name));
    Object.assign(box.style, { left: pct(p.x, preview.width), top: pct(p.y, preview.height),
      width: pct(p.width, preview.width), height: pct(p.height, preview.height), zIndex: String(10 + (p.z_pos || 0)) });
    return box;
  });
  canvas.setAttribute('aria-label', s.placements.length
    ? 'Placements: ' + s.placements.map((p) => `${p.participant_identity || p.participant_sid} in ${p.region} at `
      + `${p.x},${p.y} size ${p.width}×${p.height}`).join('; ')
    : 'Nothing is drawn in this stretch');
  fill(canvas, ...regions, ...cells);
}
