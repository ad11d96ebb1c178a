/**
 * Bar charts drawn as inline SVG on the server: the report prints crisply and opens without any network access,
 * with no chart library to fetch or to serve.
 */
export interface ChartItem {
  label: string;
  value: number | null;
}

const COLOURS = { bar: '#2f5d8a', text: '#1d1d1b', axis: '#9aa5b1', muted: '#6b7280' };

export function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

function maxOf(items: ChartItem[]): number {
  return Math.max(1, ...items.map((item) => item.value ?? 0));
}

/** Horizontal bars, one per category, the value written after the bar. */
export function horizontalBars(title: string, items: ChartItem[], format: (value: number) => string): string {
  const labelWidth = 300;
  const barWidth = 330;
  const rowHeight = 22;
  const height = items.length * rowHeight + 10;
  const max = maxOf(items);
  const rows = items
    .map((item, index) => {
      const y = index * rowHeight + 5;
      const width = item.value === null ? 0 : Math.max(item.value > 0 ? 1 : 0, (item.value / max) * barWidth);
      const shown = item.value === null ? '—' : format(item.value);
      return (
        `<text x="${labelWidth - 8}" y="${y + 15}" text-anchor="end" font-size="11" fill="${COLOURS.text}">${escapeHtml(item.label)}</text>` +
        `<rect x="${labelWidth}" y="${y + 3}" width="${width.toFixed(1)}" height="${rowHeight - 8}" fill="${COLOURS.bar}"/>` +
        `<text x="${(labelWidth + width + 6).toFixed(1)}" y="${y + 15}" font-size="11" fill="${COLOURS.muted}">${escapeHtml(shown)}</text>`
      );
    })
    .join('');
  return figure(title, `<svg viewBox="0 0 ${labelWidth + barWidth + 90} ${height}" width="100%" role="img" aria-label="${escapeHtml(title)}">${rows}</svg>`);
}

/** Vertical bars over time (the months of the year), the value above each bar. */
export function verticalBars(title: string, items: ChartItem[], format: (value: number) => string): string {
  const chartHeight = 180;
  const slot = 58;
  const width = items.length * slot + 20;
  const max = maxOf(items);
  const bars = items
    .map((item, index) => {
      const x = 10 + index * slot;
      const barHeight = item.value === null ? 0 : (item.value / max) * chartHeight;
      const top = 20 + chartHeight - barHeight;
      const shown = item.value === null ? '—' : format(item.value);
      return (
        `<rect x="${x + 8}" y="${top.toFixed(1)}" width="${slot - 16}" height="${barHeight.toFixed(1)}" fill="${COLOURS.bar}"/>` +
        `<text x="${x + slot / 2}" y="${(top - 4).toFixed(1)}" text-anchor="middle" font-size="9" fill="${COLOURS.muted}">${escapeHtml(shown)}</text>` +
        `<text x="${x + slot / 2}" y="${chartHeight + 36}" text-anchor="middle" font-size="10" fill="${COLOURS.text}">${escapeHtml(item.label)}</text>`
      );
    })
    .join('');
  const axis = `<line x1="10" y1="${chartHeight + 20}" x2="${width - 10}" y2="${chartHeight + 20}" stroke="${COLOURS.axis}"/>`;
  return figure(title, `<svg viewBox="0 0 ${width} ${chartHeight + 45}" width="100%" role="img" aria-label="${escapeHtml(title)}">${bars}${axis}</svg>`);
}

/** Shades of one blue, lightest for the oldest series: years read in order without a legend's colours to decode. */
const SERIES = ['#b8cce4', '#7fa3cc', '#4f7cb0', '#2f5d8a', '#1b3a5c'];

/**
 * Horizontal bars in groups, one group per category and one bar per series (the years), each bar's value written
 * after it; the legend names the series.
 */
export function groupedBars(title: string, series: string[], groups: { label: string; values: (number | null)[] }[], format: (value: number) => string): string {
  const labelWidth = 240;
  const barWidth = 360;
  const barHeight = 9;
  const groupHeight = series.length * (barHeight + 2) + 10;
  const legendHeight = 22;
  const height = legendHeight + groups.length * groupHeight + 6;
  const max = Math.max(1, ...groups.flatMap((group) => group.values.map((value) => value ?? 0)));
  const colour = (index: number) => SERIES[SERIES.length - series.length + index] ?? COLOURS.bar;
  const legend = series
    .map((name, index) => `<rect x="${labelWidth + index * 80}" y="4" width="12" height="12" fill="${colour(index)}"/><text x="${labelWidth + index * 80 + 16}" y="14" font-size="11" fill="${COLOURS.text}">${escapeHtml(name)}</text>`)
    .join('');
  const rows = groups
    .map((group, groupIndex) => {
      const top = legendHeight + groupIndex * groupHeight;
      const label = `<text x="${labelWidth - 8}" y="${top + groupHeight / 2 + 2}" text-anchor="end" font-size="11" fill="${COLOURS.text}">${escapeHtml(group.label)}</text>`;
      const bars = group.values
        .map((value, index) => {
          const y = top + 4 + index * (barHeight + 2);
          const width = value === null ? 0 : Math.max(value > 0 ? 1 : 0, (value / max) * barWidth);
          return (
            `<rect x="${labelWidth}" y="${y}" width="${width.toFixed(1)}" height="${barHeight}" fill="${colour(index)}"/>` +
            `<text x="${(labelWidth + width + 4).toFixed(1)}" y="${y + barHeight - 1}" font-size="8" fill="${COLOURS.muted}">${escapeHtml(value === null ? '—' : format(value))}</text>`
          );
        })
        .join('');
      return label + bars;
    })
    .join('');
  return figure(title, `<svg viewBox="0 0 ${labelWidth + barWidth + 60} ${height}" width="100%" role="img" aria-label="${escapeHtml(title)}">${legend}${rows}</svg>`);
}

function figure(title: string, svg: string): string {
  return `<figure class="chart"><figcaption>${escapeHtml(title)}</figcaption>${svg}</figure>`;
}
