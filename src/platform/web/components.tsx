import { FieldProblem } from '../http/domain-errors';
import { Child, h, Html } from './jsx';

export type AlertKind = 'success' | 'error' | 'info' | 'warning';

export function Alert({ kind, title, children }: { kind: AlertKind; title: string; children?: Child }): Html {
  return (
    <div class={`fr-alert fr-alert--${kind} fr-mb-3w`} role={kind === 'error' ? 'alert' : 'status'}>
      <h2 class="fr-alert__title">{title}</h2>
      {children}
    </div>
  );
}

/** The id of a form field: errors and the summary link to it. */
export const fieldId = (name: string) => `champ-${name.replace(/[^A-Za-z0-9_-]/g, '-')}`;

/** A refused form's problems, at its top, each a link to its field (RGAA: errors summarised and linked). */
export function ErrorSummary({ problems, labels }: { problems: FieldProblem[]; labels: Record<string, string> }): Html {
  if (problems.length === 0) return <span></span>;
  return (
    <div class="fr-alert fr-alert--error fr-mb-3w" role="alert" id="erreurs" tabindex="-1">
      <h2 class="fr-alert__title">
        {problems.length === 1 ? 'Le formulaire contient une erreur' : `Le formulaire contient ${problems.length} erreurs`}
      </h2>
      <ul>
        {problems.map((problem) => (
          <li>
            {labels[problem.champ] ? (
              <a href={`#${fieldId(problem.champ)}`}>
                {labels[problem.champ]} : {problem.message}
              </a>
            ) : (
              problem.message
            )}
          </li>
        ))}
      </ul>
    </div>
  );
}

interface FieldProps {
  name: string;
  label: string;
  hint?: string;
  error?: string;
  required?: boolean;
}

function Messages({ id, error }: { id: string; error?: string }): Html {
  return (
    <div class="fr-messages-group" id={`${id}-messages`} aria-live="polite">
      {error ? <p class="fr-message fr-message--error">{error}</p> : null}
    </div>
  );
}

function Label({ id, label, hint, required }: { id: string; label: string; hint?: string; required?: boolean }): Html {
  return (
    <label class="fr-label" for={id}>
      {label}
      {required ? ' (obligatoire)' : ''}
      {hint ? <span class="fr-hint-text">{hint}</span> : null}
    </label>
  );
}

export function TextField(props: FieldProps & { value?: string | null; type?: string; inputmode?: string; autocomplete?: string; extra?: Record<string, string> }): Html {
  const id = fieldId(props.name);
  return (
    <div class={`fr-input-group${props.error ? ' fr-input-group--error' : ''}`}>
      <Label id={id} label={props.label} hint={props.hint} required={props.required} />
      <input
        class={`fr-input${props.error ? ' fr-input--error' : ''}`}
        id={id}
        name={props.name}
        type={props.type ?? 'text'}
        value={props.value ?? undefined}
        inputmode={props.inputmode}
        autocomplete={props.autocomplete}
        required={props.required}
        aria-invalid={props.error ? 'true' : undefined}
        aria-describedby={`${id}-messages`}
        {...props.extra}
      />
      <Messages id={id} error={props.error} />
    </div>
  );
}

export function TextArea(props: FieldProps & { value?: string | null }): Html {
  const id = fieldId(props.name);
  return (
    <div class={`fr-input-group${props.error ? ' fr-input-group--error' : ''}`}>
      <Label id={id} label={props.label} hint={props.hint} required={props.required} />
      <textarea class={`fr-input${props.error ? ' fr-input--error' : ''}`} id={id} name={props.name} required={props.required} aria-describedby={`${id}-messages`}>
        {props.value ?? ''}
      </textarea>
      <Messages id={id} error={props.error} />
    </div>
  );
}

export function SelectField(props: FieldProps & { options: [string, string][]; value?: string | null; empty?: string }): Html {
  const id = fieldId(props.name);
  return (
    <div class={`fr-select-group${props.error ? ' fr-select-group--error' : ''}`}>
      <Label id={id} label={props.label} hint={props.hint} required={props.required} />
      <select class={`fr-select${props.error ? ' fr-select--error' : ''}`} id={id} name={props.name} required={props.required} aria-describedby={`${id}-messages`}>
        <option value="" selected={!props.value}>
          {props.empty ?? '— Choisir —'}
        </option>
        {props.options.map(([value, label]) => (
          <option value={value} selected={props.value === value}>
            {label}
          </option>
        ))}
      </select>
      <Messages id={id} error={props.error} />
    </div>
  );
}

export function CheckboxesField(props: FieldProps & { options: [string, string][]; values: string[] }): Html {
  const id = fieldId(props.name);
  return (
    <fieldset class={`fr-fieldset${props.error ? ' fr-fieldset--error' : ''}`} id={id} aria-labelledby={`${id}-legende ${id}-messages`}>
      <legend class="fr-fieldset__legend--regular fr-fieldset__legend" id={`${id}-legende`}>
        {props.label}
        {props.hint ? <span class="fr-hint-text">{props.hint}</span> : null}
      </legend>
      {props.options.map(([value, label], index) => (
        <div class="fr-fieldset__element">
          <div class="fr-checkbox-group">
            <input type="checkbox" id={`${id}-${index}`} name={props.name} value={value} checked={props.values.includes(value)} />
            <label class="fr-label" for={`${id}-${index}`}>
              {label}
            </label>
          </div>
        </div>
      ))}
      <Messages id={id} error={props.error} />
    </fieldset>
  );
}

export type BadgeKind = 'success' | 'error' | 'info' | 'warning' | 'new';

export function Badge({ kind, children }: { kind: BadgeKind; children?: Child }): Html {
  return <p class={`fr-badge fr-badge--sm fr-badge--${kind}`}>{children}</p>;
}

/**
 * A DSFR table with its caption (which screen readers announce) and column headers. A table wider than the screen
 * scrolls: its container is a named region that takes the focus, so that it scrolls from the keyboard too.
 */
/** A table in its scrollable, focusable region; with `rowHeaders`, each row's first cell heads the row. */
export function Table({ caption, head, rows, empty, rowHeaders }: { caption: string; head: Child[]; rows: Child[][]; empty?: string; rowHeaders?: boolean }): Html {
  return (
    <div class="fr-table fr-table--no-caption-top">
      <div class="fr-table__wrapper">
        <div class="fr-table__container" tabindex="0" role="region" aria-label={caption}>
          <div class="fr-table__content">
            <table>
              <caption>{caption}</caption>
              <thead>
                <tr>
                  {head.map((cell) => (
                    <th scope="col">{cell}</th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {rows.length === 0 ? (
                  <tr>
                    <td colspan={String(head.length)}>{empty ?? 'Aucun élément'}</td>
                  </tr>
                ) : (
                  rows.map((row) => (
                    <tr>
                      {row.map((cell, index) => (rowHeaders && index === 0 ? <th scope="row">{cell}</th> : <td>{cell}</td>))}
                    </tr>
                  ))
                )}
              </tbody>
            </table>
          </div>
        </div>
      </div>
    </div>
  );
}

/** Page links of a list; `href` gives the address of a page number with the list's other parameters kept. */
export function Pagination({ page, pageSize, total, href }: { page: number; pageSize: number; total: number; href: (page: number) => string }): Html {
  const last = Math.max(1, Math.ceil(total / pageSize));
  if (last === 1) return <span></span>;
  const shown = [...new Set([1, page - 1, page, page + 1, last])].filter((number) => number >= 1 && number <= last).sort((a, b) => a - b);
  return (
    <nav role="navigation" class="fr-pagination" aria-label="Pagination">
      <ul class="fr-pagination__list">
        <li>{page > 1 ? <a class="fr-pagination__link fr-pagination__link--prev fr-pagination__link--lg-label" href={href(page - 1)}>Page précédente</a> : null}</li>
        {shown.map((number) => (
          <li>
            <a class="fr-pagination__link" href={href(number)} aria-current={number === page ? 'page' : undefined} title={`Page ${number}`}>
              {number}
            </a>
          </li>
        ))}
        <li>{page < last ? <a class="fr-pagination__link fr-pagination__link--next fr-pagination__link--lg-label" href={href(page + 1)}>Page suivante</a> : null}</li>
      </ul>
    </nav>
  );
}

/** A list's address with some of its parameters changed (empty ones left out). */
export function withQuery(path: string, query: Record<string, unknown>, changes: Record<string, string | number | undefined> = {}): string {
  const parameters = new URLSearchParams();
  for (const [key, value] of Object.entries({ ...query, ...changes })) {
    if (value !== undefined && value !== null && value !== '' && key !== '_csrf') parameters.set(key, String(value));
  }
  const text = parameters.toString();
  return text ? `${path}?${text}` : path;
}

/** The year a page shows, asked by a small form sending `annee` (and the page's other parameters kept as they are). */
export function YearSelector({ action, year, keep = {} }: { action: string; year: number; keep?: Record<string, string> }): Html {
  return (
    <form method="get" action={action} class="fr-grid-row fr-grid-row--bottom fr-grid-row--gutters fr-mb-2w">
      <div class="fr-col-8 fr-col-md-3">
        <TextField name="annee" label="Année" inputmode="numeric" value={String(year)} />
      </div>
      {Object.entries(keep).map(([name, value]) => (
        <input type="hidden" name={name} value={value} />
      ))}
      <div class="fr-col-4">
        <button class="fr-btn fr-btn--secondary" type="submit">
          Afficher
        </button>
      </div>
    </form>
  );
}

/** A form's main action and the way back without saving. */
export function FormButtons({ label, cancel }: { label: string; cancel: string }): Html {
  return (
    <ul class="fr-btns-group fr-btns-group--inline-md">
      <li>
        <button class="fr-btn" type="submit">
          {label}
        </button>
      </li>
      <li>
        <a class="fr-btn fr-btn--secondary" href={cancel}>
          Annuler
        </a>
      </li>
    </ul>
  );
}
