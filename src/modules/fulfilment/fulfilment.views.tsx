import { Badge, BadgeKind } from '../../platform/web/components';
import { hours, percent } from '../../platform/web/format';
import { h, Html } from '../../platform/web/jsx';
import { FulfilmentStatus } from './fulfilment.rules';
import type { MarketFulfilmentDto } from './dto/fulfilment.dto';

export const FULFILMENT_STATUS_LABELS: Record<FulfilmentStatus, string> = { ON_TRACK: 'Dans les temps', BEHIND: 'En retard', DONE: 'Objectif atteint' };

const BADGES: Record<FulfilmentStatus, BadgeKind> = { ON_TRACK: 'info', BEHIND: 'error', DONE: 'success' };

export function StatusBadge({ status }: { status: FulfilmentStatus }): Html {
  return <Badge kind={BADGES[status]}>{FULFILMENT_STATUS_LABELS[status]}</Badge>;
}

const WIDTH = 720;
const HEIGHT = 260;
const MARGIN = { top: 16, right: 16, bottom: 40, left: 64 };

/**
 * A market's months: validated hours of each month as bars, and the cumulated hours against the hours expected to
 * date (the objective spread evenly over the period). Drawn on the server; the table under it says the same in text.
 */
export function FulfilmentChart({ figures }: { figures: MarketFulfilmentDto }): Html {
  const months = monthsBetween(figures.startDate, figures.endDate);
  const byMonth = new Map(figures.months.map((entry) => [entry.month, Number(entry.hours)]));
  const objective = Number(figures.objective);
  let cumulated = 0;
  const points = months.map((month) => {
    cumulated += byMonth.get(month) ?? 0;
    return { month, hours: byMonth.get(month) ?? 0, cumulated };
  });
  const top = Math.max(objective, cumulated, 1);
  const plotWidth = WIDTH - MARGIN.left - MARGIN.right;
  const plotHeight = HEIGHT - MARGIN.top - MARGIN.bottom;
  const step = plotWidth / Math.max(months.length, 1);
  const y = (value: number) => MARGIN.top + plotHeight - (value / top) * plotHeight;
  const x = (index: number) => MARGIN.left + step * index + step / 2;
  const realisedLine = points.map((point, index) => `${x(index)},${y(point.cumulated)}`).join(' ');
  const expectedLine = `${MARGIN.left},${y(0)} ${MARGIN.left + plotWidth},${y(objective)}`;
  const labelEvery = Math.ceil(months.length / 12);
  return (
    <figure class="fr-my-4w" role="group" aria-label="Heures d’insertion du marché, mois par mois">
      <svg class="ct-chart" viewBox={`0 0 ${WIDTH} ${HEIGHT}`} role="img" aria-labelledby="graphique-titre">
        <title id="graphique-titre">
          Heures cumulées : {hours(figures.validatedHours)} réalisées, {hours(figures.expectedToDate)} attendues à date, objectif {hours(figures.objective)}
        </title>
        <line class="ct-axis" x1={MARGIN.left} y1={y(0)} x2={MARGIN.left + plotWidth} y2={y(0)} />
        <line class="ct-axis" x1={MARGIN.left} y1={MARGIN.top} x2={MARGIN.left} y2={y(0)} />
        <text x={MARGIN.left - 6} y={y(top) + 4} text-anchor="end">
          {Math.round(top)} h
        </text>
        <text x={MARGIN.left - 6} y={y(0) + 4} text-anchor="end">
          0
        </text>
        {points.map((point, index) => (
          <rect class="ct-bar" x={x(index) - step * 0.3} y={y(point.hours)} width={step * 0.6} height={y(0) - y(point.hours)} />
        ))}
        {points.map((point, index) =>
          index % labelEvery === 0 ? (
            <text x={x(index)} y={HEIGHT - MARGIN.bottom + 16} text-anchor="middle">
              {point.month.slice(5)}/{point.month.slice(2, 4)}
            </text>
          ) : null,
        )}
        <polyline class="ct-expected" points={expectedLine} />
        <polyline class="ct-realised" points={realisedLine} />
      </svg>
      <figcaption class="fr-text--sm">
        Barres : heures validées du mois. Trait plein vert : heures cumulées. Tirets rouges : rythme attendu pour atteindre l’objectif ({hours(figures.objective)}) à la fin du
        marché. Taux de réalisation {percent(figures.rate)}.
      </figcaption>
    </figure>
  );
}

/** `2017-01-15`…`2017-12-31` → `2017-01`…`2017-12`. */
export function monthsBetween(startDate: string, endDate: string): string[] {
  const months: string[] = [];
  let [year, month] = startDate.split('-').map(Number) as [number, number];
  const [endYear, endMonth] = endDate.split('-').map(Number) as [number, number];
  while (year < endYear || (year === endYear && month <= endMonth)) {
    months.push(`${year}-${String(month).padStart(2, '0')}`);
    [year, month] = month === 12 ? [year + 1, 1] : [year, month + 1];
  }
  return months;
}
