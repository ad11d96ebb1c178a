import { Controller, Get, Query } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { Roles } from '../../platform/auth/access.decorators';
import { Role } from '../../platform/auth/roles';
import { Clock } from '../../platform/clock';
import { InvalidError } from '../../platform/http/domain-errors';
import { Badge, Table, YearSelector } from '../../platform/web/components';
import { decimalText, hours, integer, moment } from '../../platform/web/format';
import { h, Html } from '../../platform/web/jsx';
import { page } from '../../platform/web/layout';
import { yearParameter } from '../../platform/web/months';
import { CurrentPage, WebPage } from '../../platform/web/web-request';
import type { PageContext } from '../../platform/web/web-request';
import { QuestionnaireService } from '../plie-questionnaire/questionnaire.service';
import { QUESTIONNAIRE_TABLES, TABLE_TITLES } from '../plie-questionnaire/questionnaire.rules';
import { NationalSpaceRepository, STRUCTURE_SORTS, StructureSort } from './national-space.repository';

const COLUMNS: [StructureSort, string][] = [
  ['ref', 'Structure'],
  ['region', 'Région'],
  ['markets', 'Marchés en cours'],
  ['contracts', 'Contrats'],
  ['participants', 'Participants'],
  ['hours', 'Heures validées'],
  ['hoursPerContract', 'Heures par contrat'],
];

/** A column header that sorts the table by it (descending first for figures), saying how it is sorted now. */
function SortLink({ column, label, year, sort, descending }: { column: StructureSort; label: string; year: number; sort: StructureSort; descending: boolean }): Html {
  const current = column === sort;
  const nextDescending = current ? !descending : column !== 'ref' && column !== 'region';
  return (
    <a href={`/national/structures?annee=${year}&tri=${nextDescending ? '-' : ''}${column}`} aria-label={`${label}, trier ${nextDescending ? 'par ordre décroissant' : 'par ordre croissant'}`}>
      {label}
      {current ? (descending ? ' ↓' : ' ↑') : ''}
    </a>
  );
}

/** National staff's view of a year: which structures reported, and each one's headline figures, sortable. */
@ApiExcludeController()
@Controller('national')
export class NationalSpacePagesController {
  constructor(
    private readonly repository: NationalSpaceRepository,
    private readonly questionnaires: QuestionnaireService,
    private readonly clock: Clock,
  ) {}

  /** Which PLIE answered which table of the yearly questionnaire: the respondents each national figure will state. */
  @Get('questionnaires')
  @Roles(Role.National, Role.Admin)
  @WebPage()
  async questionnaireRespondents(@CurrentPage() context: PageContext, @Query('annee') askedYear: unknown) {
    const year = yearParameter(askedYear, this.clock.now());
    const rows = await this.questionnaires.respondents(year);
    const answered = (table: string) => rows.filter((row) => (row.declared[table] ?? 0) > 0).length;
    return page(
      { title: `Questionnaires PLIE ${year}`, context, breadcrumbs: [['Accueil', '/'], [`Questionnaires PLIE ${year}`]] },
      <div>
        <h1>Questionnaires annuels des PLIE — {year}</h1>
        <YearSelector action="/national/questionnaires" year={year} />
        <ul>
          {QUESTIONNAIRE_TABLES.map((table) => (
            <li>
              {TABLE_TITLES[table]} : <strong>{integer(answered(table))}</strong> PLIE répondant{answered(table) > 1 ? 's' : ''} sur {integer(rows.length)}
            </li>
          ))}
        </ul>
        <Table
          caption={`Réponses de chaque PLIE au questionnaire ${year}`}
          head={['PLIE', ...QUESTIONNAIRE_TABLES.map((table) => TABLE_TITLES[table].split(' — ')[0]!), 'Dernière modification']}
          rows={rows.map((row) => [
            `${row.structureRef} — ${row.structureName}`,
            ...QUESTIONNAIRE_TABLES.map((table) =>
              (row.declared[table] ?? 0) > 0 ? <Badge kind="success">{`${row.declared[table]} chiffres`}</Badge> : <Badge kind="warning">Sans réponse</Badge>,
            ),
            row.lastChangedAt ? moment(row.lastChangedAt) : '—',
          ])}
          empty="Aucun PLIE"
        />
      </div>,
    );
  }

  @Get('structures')
  @Roles(Role.National, Role.Admin)
  @WebPage()
  async structures(@CurrentPage() context: PageContext, @Query('annee') askedYear: unknown, @Query('tri') askedSort: unknown) {
    const year = yearParameter(askedYear, this.clock.now());
    const sortText = typeof askedSort === 'string' && askedSort !== '' ? askedSort : '-hours';
    const sort = sortText.replace(/^-/, '') as StructureSort;
    if (!(sort in STRUCTURE_SORTS)) throw InvalidError.field('tri', `doit être l’une des colonnes : ${Object.keys(STRUCTURE_SORTS).join(', ')}`);
    const descending = sortText.startsWith('-');
    const rows = await this.repository.structuresOfYear(year, sort, descending);
    const reported = rows.filter((row) => row.reported).length;
    return page(
      { title: `Structures en ${year}`, context, breadcrumbs: [['Accueil', '/'], [`Structures en ${year}`]] },
      <div>
        <h1>Structures en {year}</h1>
        <YearSelector action="/national/structures" year={year} keep={{ tri: sortText }} />
        <p class="fr-text--lead">
          {reported} structure{reported > 1 ? 's' : ''} sur {rows.length} {reported > 1 ? 'ont' : 'a'} des contrats ou des heures en {year} : un chiffre national de l’année ne
          compte que celles-là.
        </p>
        <Table
          caption={`Chiffres clés de chaque structure en ${year}`}
          head={[...COLUMNS.map(([column, label]) => <SortLink column={column} label={label} year={year} sort={sort} descending={descending} />), 'Données']}
          rows={rows.map((row) => [
            `${row.ref} — ${row.name}`,
            row.region ?? '—',
            integer(row.markets),
            integer(row.contracts),
            integer(row.participants),
            hours(row.hours),
            row.hoursPerContract === null ? '—' : `${decimalText(row.hoursPerContract)} h`,
            row.reported ? <Badge kind="success">Transmises</Badge> : <Badge kind="warning">Aucune</Badge>,
          ])}
          empty="Aucune structure"
        />
      </div>,
    );
  }
}
