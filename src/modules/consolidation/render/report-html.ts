import { HEADLINE_LABELS, HeadlineName, table1Label } from '../consolidation.labels';
import type { ConsolidationReport } from '../consolidation.rules';
import { frenchCell, ReportTable, reportTables, scopeLabel } from './report-tables';
import { escapeHtml, groupedBars, horizontalBars, verticalBars } from './svg-charts';
import { RATE_ROWS } from '../consolidation.plie-labels';

const MONTH_INITIALS = ['janv.', 'févr.', 'mars', 'avr.', 'mai', 'juin', 'juil.', 'août', 'sept.', 'oct.', 'nov.', 'déc.'];

const hours = (value: number) => `${frenchCell(value, 'hours')} h`;
const count = (value: number) => frenchCell(value, 'count');
const percent = (value: number) => `${frenchCell(value, 'percent')} %`;

const STYLE = `
  @page { size: A4; margin: 14mm 12mm; }
  body { font-family: "Marianne", "Helvetica Neue", Arial, sans-serif; color: #1d1d1b; margin: 0 auto; max-width: 1100px; padding: 16px; font-size: 12px; }
  h1 { font-size: 22px; margin: 0 0 4px; } h2 { font-size: 16px; margin: 28px 0 8px; border-bottom: 2px solid #2f5d8a; padding-bottom: 3px; }
  h3 { font-size: 13px; margin: 18px 0 6px; }
  .meta { color: #6b7280; font-size: 11px; margin-bottom: 16px; }
  .cards { display: grid; grid-template-columns: repeat(4, 1fr); gap: 10px; }
  .card { border: 1px solid #d5dbe3; border-radius: 6px; padding: 10px; break-inside: avoid; }
  .card .value { font-size: 20px; font-weight: bold; } .card .label { color: #374151; }
  .card .change { font-size: 11px; color: #6b7280; } .up { color: #166534; } .down { color: #991b1b; }
  .charts { display: grid; grid-template-columns: 1fr 1fr; gap: 16px; }
  .chart { margin: 0; break-inside: avoid; } .chart figcaption { font-weight: bold; margin-bottom: 4px; }
  .wide { grid-column: 1 / -1; }
  table { border-collapse: collapse; width: 100%; margin-bottom: 8px; break-inside: auto; }
  th, td { border: 1px solid #d5dbe3; padding: 3px 6px; } th { background: #dde6f0; text-align: left; vertical-align: bottom; }
  td.n { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
  tr { break-inside: avoid; } thead { display: table-header-group; }
  .note { color: #6b7280; font-size: 11px; }
  @media print { h2 { break-before: auto; } .charts { grid-template-columns: 1fr 1fr; } }
`;

function headlineCards(report: ConsolidationReport): string {
  return (Object.keys(HEADLINE_LABELS) as HeadlineName[])
    .map((name) => {
      const figure = report.clause.headline[name];
      const value = figure.value === null ? 'masqué' : name === 'insertionHours' ? hours(figure.value) : count(figure.value);
      const change =
        figure.changePct === null
          ? `${report.year - 1} : ${figure.previous === null ? 'masqué' : count(figure.previous)}`
          : `<span class="${figure.changePct >= 0 ? 'up' : 'down'}">${figure.changePct >= 0 ? '▲ +' : '▼ '}${frenchCell(figure.changePct, 'decimal')} %</span> sur ${report.year - 1} (${count(figure.previous!)})`;
      return `<div class="card"><div class="label">${escapeHtml(HEADLINE_LABELS[name])}</div><div class="value">${value}</div><div class="change">${change}</div></div>`;
    })
    .join('');
}

function charts(report: ConsolidationReport): string {
  const { breakdowns } = report.clause;
  const parts = [
    `<div class="wide">${verticalBars(
      `Heures d’insertion par mois (${report.year})`,
      breakdowns.month.map((row, index) => ({ label: MONTH_INITIALS[index] ?? row.key, value: row.insertionHours })),
      (value) => frenchCell(Math.round(value), 'count'),
    )}</div>`,
    horizontalBars('Heures d’insertion par secteur', breakdowns.sector.map((row) => ({ label: row.label, value: row.insertionHours })), hours),
    horizontalBars('Heures d’insertion par fondement juridique', breakdowns.legalBasis.map((row) => ({ label: row.label, value: row.insertionHours })), hours),
    horizontalBars('Participants par public (une personne peut relever de plusieurs publics)', breakdowns.public.map((row) => ({ label: row.label, value: row.participants })), count),
  ];
  return `<div class="charts">${parts.join('')}</div>`;
}

/** The PLIE charts the national report has: each category's share of the entries, and its positive-exit rate, over four years. */
function plieCharts(plie: NonNullable<ConsolidationReport['plie']>): string {
  const series = plie.years.map(String);
  const shares = plie.table1bis.shares
    .filter((row) => ['gender', 'age', 'public', 'level'].includes(row.group))
    .map((row) => ({ label: table1Label(row.group, row.category), values: series.map((year) => row.entriesPct[year] ?? null) }));
  const rates = plie.ratesByCategory.map((row) => ({
    label: RATE_ROWS.find((found) => found.group === row.group && found.category === row.category)?.label ?? row.category,
    values: series.map((year) => row.positiveExitRatePct[year] ?? null),
  }));
  return `<div class="charts">
    ${groupedBars(`PLIE : part de chaque catégorie dans les entrées (%), ${series[0]}-${series[series.length - 1]}`, series, shares, percent)}
    ${groupedBars(`PLIE : taux de sorties positives par catégorie (% des sorties), ${series[0]}-${series[series.length - 1]}`, series, rates, percent)}
  </div>`;
}

/** The PLIE part, as the national report: flows, several years, steps, insertion structures, questionnaire, exits. */
function plieSection(report: ConsolidationReport, plieTables: ReportTable[]): string {
  const plie = report.plie!;
  const missing = plie.yearsWithoutPathwayData.length > 0
    ? `<p class="note">Sans données de parcours pour ${plie.yearsWithoutPathwayData.join(', ')} : les chiffres de ces années valent zéro.</p>`
    : '';
  return `<h2>Indicateurs PLIE ${report.year}</h2>
<p class="note">Structures ayant contribué : ${Object.entries(plie.respondents).map(([table, count]) => `${escapeHtml(table.replace('table', 'tableau '))} : ${count}`).join(' · ')}.
Tableaux 8 et 9 : parts des situations connues, le nombre de situations non renseignées est donné à part. Tableaux 6, 7 et 10 : déclarés par chaque PLIE dans son questionnaire annuel ; totaux et sous-totaux calculés.</p>
${missing}
${plieCharts(plie)}
${plieTables.map(tableHtml).join('\n')}`;
}

function tableHtml(table: ReportTable): string {
  const head = table.columns.map((column) => `<th>${escapeHtml(column.header)}</th>`).join('');
  const body = table.rows
    .map((row) => `<tr>${row.map((value, index) => {
      const kind = table.columns[index]!.kind;
      const text = value === null ? '—' : escapeHtml(frenchCell(value, kind));
      return kind === 'text' ? `<td>${text}</td>` : `<td class="n">${text}</td>`;
    }).join('')}</tr>`)
    .join('');
  return `<section id="${table.name}"><h3>${escapeHtml(table.title)}</h3><table><thead><tr>${head}</tr></thead><tbody>${body}</tbody></table></section>`;
}

/** The printable French report: headline with the change on last year, charts, then every table. Self-contained. */
export function reportHtml(report: ConsolidationReport): string {
  const tables = reportTables(report);
  const clauseTables = tables.filter((table) => !table.name.startsWith('plie-'));
  const plieTables = tables.filter((table) => table.name.startsWith('plie-'));
  const generated = new Date(report.generatedAt).toLocaleString('fr-FR', { timeZone: 'Europe/Paris', dateStyle: 'long', timeStyle: 'short' });
  const masking = report.scope.kind === 'buyer'
    ? '<p class="note">Secret statistique : les effectifs de 1 à 4 personnes sont masqués (« — »), ainsi qu’une seconde catégorie quand une seule l’est, pour qu’aucune personne ne puisse être reconnue.</p>'
    : '';
  return `<!DOCTYPE html>
<html lang="fr">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Consolidation ${report.year} — ${escapeHtml(scopeLabel(report))}</title>
<style>${STYLE}</style>
</head>
<body>
<header>
<h1>Clauses sociales d’insertion : consolidation ${report.year}</h1>
<div class="meta">${escapeHtml(scopeLabel(report))} · instantané ${escapeHtml(report.snapshotId)} du ${escapeHtml(generated)} ·
${report.reportingStructures.length} structure(s) ayant transmis des données · empreinte des données ${escapeHtml(report.dataFingerprint)}</div>
</header>
<h2>Chiffres clés ${report.year}</h2>
<div class="cards">${headlineCards(report)}</div>
<p class="note">Heures d’insertion : heures validées des mois de l’année, heures de formation comprises quand le marché les compte. Contrats : au moins un jour dans l’année. Entreprises et acheteurs : comptés une fois par SIRET.</p>
${masking}
<h2>Graphiques</h2>
${charts(report)}
<h2>Clauses sociales : tableaux</h2>
<p class="note">Parts des participants : en % des participants de l’année ; parts des heures : en % des heures d’insertion de l’année.</p>
${clauseTables.map(tableHtml).join('\n')}
${report.plie ? plieSection(report, plieTables) : ''}
</body>
</html>
`;
}
