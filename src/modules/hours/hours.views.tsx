import { FieldProblem } from '../../platform/http/domain-errors';
import { Badge, fieldId, Table, TextField } from '../../platform/web/components';
import { decimalText, hours, monthName } from '../../platform/web/format';
import { single } from '../../platform/web/forms';
import type { FormValues } from '../../platform/web/forms';
import { Child, h, Html } from '../../platform/web/jsx';
import { shiftMonth } from '../../platform/web/months';
import { GridLine } from './hours.repository';
import type { MonthCell } from './hours.service';

/** The names of a grid's two cells for a contract: `travail.<id>` and `formation.<id>`. */
const WORKED = 'travail.';
const TRAINING = 'formation.';

/** The grid's cells a form filled: a contract whose two cells are empty records nothing. */
export function cellsOf(form: FormValues): MonthCell[] {
  return Object.keys(form)
    .filter((name) => name.startsWith(WORKED))
    .map((name) => name.slice(WORKED.length))
    .map((workContractId) => ({ workContractId, hoursWorked: single(form[`${WORKED}${workContractId}`])?.trim() ?? '', trainingHours: single(form[`${TRAINING}${workContractId}`])?.trim() || undefined }))
    .filter((cell) => cell.hoursWorked !== '' || cell.trainingHours !== undefined);
}

/** Whose grid it is: the facilitator records (validated hours shown to be corrected); a company declares. */
export type GridAuthor = 'facilitator' | 'company';

/** What each line's recorded hours look like in the grid of `author`: its cells' values, or locked. */
function recordedCells(line: GridLine, author: GridAuthor): { worked?: string; training?: string } | 'locked' {
  const recorded = { worked: decimalText(line.hoursWorked), training: decimalText(line.trainingHours) };
  if (author === 'facilitator') {
    // Hours a company declared wait in the state column: typing over them records the facilitator's, validated.
    return line.status === 'VALIDATED' ? recorded : {};
  }
  // A company corrects its declared or rejected hours; validated ones are the facilitator's to change.
  return line.status === 'VALIDATED' ? 'locked' : line.status ? recorded : {};
}

function State({ line, author }: { line: GridLine; author: GridAuthor }): Html {
  if (line.status === 'VALIDATED') return <Badge kind="success">{`Validées : ${hours(line.hoursWorked)} + ${hours(line.trainingHours)} de formation`}</Badge>;
  if (line.status === 'DECLARED')
    return <Badge kind="new">{author === 'facilitator' ? `Déclarées : ${hours(line.hoursWorked)} + ${hours(line.trainingHours)} de formation, à valider` : 'Déclarées, en attente de validation'}</Badge>;
  if (line.status === 'REJECTED') return <Badge kind="warning">{`Rejetées : ${line.rejectionReason ?? ''}`}</Badge>;
  return <span class="fr-text--sm">{author === 'facilitator' ? 'Non saisies' : 'Non déclarées'}</span>;
}

/** What the error summary calls each cell. */
export function gridLabels(lines: GridLine[]): Record<string, string> {
  return Object.fromEntries(
    lines.flatMap((line) => [
      [`${line.workContractId}.hoursWorked`, `${line.workContractRef} (${line.participant}), heures travaillées`],
      [`${line.workContractId}.trainingHours`, `${line.workContractRef} (${line.participant}), heures de formation`],
      [`${line.workContractId}.month`, `${line.workContractRef} (${line.participant})`],
      [`${line.workContractId}.workContractRef`, `${line.workContractRef} (${line.participant})`],
    ]),
  );
}

/**
 * A month of hours as a table of inputs, one line per contract: Tab goes from cell to cell; a refused grid comes back
 * as it was typed, each refused cell marked with its message.
 */
export function MonthGridTable(props: { lines: GridLine[]; caption: string; author: GridAuthor; submitted: FormValues; problems: FieldProblem[] }): Html {
  const typed = Object.keys(props.submitted).length > 0;
  const problemOf = (id: string, field: string) => props.problems.find((problem) => problem.champ === `${id}.${field}`)?.message;
  const cell = (line: GridLine, prefix: string, field: 'hoursWorked' | 'trainingHours', label: string): Html => {
    const recorded = recordedCells(line, props.author);
    if (recorded === 'locked') return <span>{hours(field === 'hoursWorked' ? line.hoursWorked : line.trainingHours)}</span>;
    const name = `${prefix}${line.workContractId}`;
    const error = problemOf(line.workContractId, field) ?? (field === 'hoursWorked' ? (problemOf(line.workContractId, 'month') ?? problemOf(line.workContractId, 'workContractRef')) : undefined);
    const id = fieldId(`${line.workContractId}.${field}`);
    const value = typed ? single(props.submitted[name]) : field === 'hoursWorked' ? recorded.worked : recorded.training;
    return (
      <div class={`fr-input-group fr-mb-0${error ? ' fr-input-group--error' : ''}`}>
        <label class="fr-label fr-sr-only" for={id}>
          {label} — {line.workContractRef}, {line.participant}
        </label>
        <input
          class={`fr-input${error ? ' fr-input--error' : ''}`}
          id={id}
          name={name}
          inputmode="decimal"
          autocomplete="off"
          value={value || undefined}
          aria-invalid={error ? 'true' : undefined}
          aria-describedby={error ? `${id}-messages` : undefined}
        />
        {error ? (
          <p class="fr-message fr-message--error" id={`${id}-messages`}>
            {error}
          </p>
        ) : null}
      </div>
    );
  };
  return (
    <Table
      caption={props.caption}
      head={['Contrat', props.author === 'facilitator' ? 'Participant' : 'Salarié', props.author === 'facilitator' ? 'Employeur' : 'Entreprise', 'Marché', 'Heures travaillées', 'Heures de formation', 'État']}
      rows={props.lines.map((line) => [
        line.workContractRef,
        line.participant,
        line.employer,
        line.marketRef,
        cell(line, WORKED, 'hoursWorked', 'Heures travaillées'),
        cell(line, TRAINING, 'trainingHours', 'Heures de formation'),
        <State line={line} author={props.author} />,
      ])}
    />
  );
}

/** The month before and after, and a form to choose another (with the page's own filters as `children`). */
export function MonthNavigation({ month, action, hrefOf, children }: { month: string; action: string; hrefOf: (month: string) => string; children?: Child }): Html {
  return (
    <nav class="fr-mb-3w" aria-label="Changer de mois">
      <p>
        <a class="fr-link fr-icon-arrow-left-line fr-link--icon-left fr-mr-3w" href={hrefOf(shiftMonth(month, -1))}>
          {monthName(shiftMonth(month, -1))}
        </a>
        <a class="fr-link fr-icon-arrow-right-line fr-link--icon-right" href={hrefOf(shiftMonth(month, 1))}>
          {monthName(shiftMonth(month, 1))}
        </a>
      </p>
      <form method="get" action={action} class="fr-grid-row fr-grid-row--bottom fr-grid-row--gutters">
        <div class="fr-col-12 fr-col-md-4">
          <TextField name="mois" label="Mois" type="month" value={month} hint="Format AAAA-MM" />
        </div>
        {children}
        <div class="fr-col-12 fr-col-md-4">
          <button class="fr-btn fr-btn--secondary" type="submit">
            Afficher
          </button>
        </div>
      </form>
    </nav>
  );
}
