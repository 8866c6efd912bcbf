import { drawText, GLYPH_HEIGHT, textWidth } from './bitmap-font.js';
import { createBitmap, encodePng, fillRect, type Rgb } from './png.js';

/** One bar: a measured figure against its floor. */
export interface RatioBar {
  label: string;
  ratio: number;
  /** Shown after the bar: `137 923 ms vs 2 000 ms`. */
  value: string;
  better: 'lower' | 'higher';
}

export interface RatioGroup {
  name: string;
  bars: RatioBar[];
  /** Shown instead of bars (`no benchmark yet`). */
  note?: string;
}

const SCALE = 2;
const CHAR = 6 * SCALE;
const LINE = 26;
const MARGIN = 24;
const LABEL_CHARS = 58;
const BAR_WIDTH = 520;
const VALUE_CHARS = 40;
const WIDTH = MARGIN * 2 + LABEL_CHARS * CHAR + 16 + BAR_WIDTH + 16 + VALUE_CHARS * CHAR;

const INK: Rgb = [33, 37, 41];
const MUTED: Rgb = [120, 126, 133];
const GRID: Rgb = [222, 226, 230];
const FLOOR: Rgb = [20, 20, 20];
const GOOD: Rgb = [46, 139, 87];
const BAD: Rgb = [214, 110, 36];
const GROUP: Rgb = [13, 71, 161];

function clip(text: string, chars: number): string {
  return text.length <= chars ? text : `${text.slice(0, chars - 1)}~`;
}

/**
 * Draws every row as a horizontal bar of `measured / floor` on a log scale, with the floor (ratio 1)
 * as a vertical line: green on the good side of it, orange on the other. Packages without a
 * benchmark are listed with their note, so a missing bridge is visible, not silently absent.
 */
export function renderRatioChart(title: string, subtitle: string, groups: readonly RatioGroup[]): Buffer {
  const ratios = groups.flatMap((group) => group.bars.map((bar) => bar.ratio)).filter((ratio) => ratio > 0);
  const low = Math.floor(Math.log10(Math.min(0.1, ...ratios)));
  const high = Math.ceil(Math.log10(Math.max(10, ...ratios)));
  const rows = groups.reduce((count, group) => count + 1 + Math.max(1, group.bars.length), 0);
  const height = MARGIN * 2 + LINE * 3 + rows * LINE + LINE * 2;
  const bitmap = createBitmap(WIDTH, height);
  const barLeft = MARGIN + LABEL_CHARS * CHAR + 16;
  const valueLeft = barLeft + BAR_WIDTH + 16;
  const xOf = (ratio: number) => barLeft + ((Math.log10(Math.max(ratio, 10 ** low)) - low) / (high - low)) * BAR_WIDTH;
  const textTop = (top: number) => top + (LINE - GLYPH_HEIGHT * SCALE) / 2;

  drawText(bitmap, clip(title, Math.floor((WIDTH - 2 * MARGIN) / CHAR)), MARGIN, MARGIN, INK, SCALE);
  drawText(bitmap, clip(subtitle, Math.floor((WIDTH - 2 * MARGIN) / CHAR)), MARGIN, MARGIN + LINE, MUTED, SCALE);
  const plotTop = MARGIN + LINE * 3;
  const plotBottom = plotTop + rows * LINE;

  // Decades as grid lines, the floor as a solid line.
  for (let decade = low; decade <= high; decade++) {
    const x = xOf(10 ** decade);
    fillRect(bitmap, x, plotTop - 4, 1, plotBottom - plotTop + 8, decade === 0 ? FLOOR : GRID);
    const label =
      decade === 0 ? '1 = FLOOR' : 10 ** decade >= 1 ? `X${10 ** decade}` : `X${(10 ** decade).toFixed(-decade)}`;
    drawText(
      bitmap,
      label,
      Math.min(x - textWidth(label, SCALE) / 2, WIDTH - MARGIN - textWidth(label, SCALE)),
      plotBottom + 12,
      decade === 0 ? FLOOR : MUTED,
      SCALE,
    );
  }

  let top = plotTop;
  for (const group of groups) {
    drawText(bitmap, clip(group.name, LABEL_CHARS), MARGIN, textTop(top), GROUP, SCALE);
    top += LINE;
    if (group.bars.length === 0) {
      drawText(bitmap, clip(`  ${group.note ?? 'no rows'}`, LABEL_CHARS), MARGIN, textTop(top), MUTED, SCALE);
      top += LINE;
      continue;
    }
    for (const bar of group.bars) {
      drawText(bitmap, clip(`  ${bar.label}`, LABEL_CHARS), MARGIN, textTop(top), INK, SCALE);
      const good = bar.better === 'lower' ? bar.ratio <= 1 : bar.ratio >= 1;
      const from = xOf(1);
      const to = xOf(bar.ratio);
      // A row at its floor still gets a visible mark, centred on the floor line.
      const width = Math.abs(to - from);
      if (width < 8) fillRect(bitmap, from - 4, top + 5, 8, LINE - 10, good ? GOOD : BAD);
      else fillRect(bitmap, Math.min(from, to), top + 5, width, LINE - 10, good ? GOOD : BAD);
      drawText(bitmap, clip(bar.value, VALUE_CHARS), valueLeft, textTop(top), INK, SCALE);
      top += LINE;
    }
  }
  return encodePng(bitmap);
}
