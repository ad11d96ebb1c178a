import { Body, Controller, Get, Param, Post, Query, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Roles } from '../../platform/auth/access.decorators';
import { scopeOf } from '../../platform/auth/principal';
import type { AccessScope } from '../../platform/auth/principal';
import { Role } from '../../platform/auth/roles';
import { FieldProblem, NotFoundError } from '../../platform/http/domain-errors';
import { UuidParamPipe } from '../../platform/http/uuid-param.pipe';
import { validateAs } from '../../platform/http/validation.pipe';
import { RecordView } from '../../platform/records/record-crud';
import { apiName } from '../../platform/records/record-definition';
import { Alert, FormButtons, Pagination, Table, TextField, withQuery } from '../../platform/web/components';
import { day, decimalText } from '../../platform/web/format';
import { recordBody, submit } from '../../platform/web/forms';
import type { FormValues } from '../../platform/web/forms';
import { h } from '../../platform/web/jsx';
import { CsrfField, page } from '../../platform/web/layout';
import { RecordFields } from '../../platform/web/record-form';
import { CurrentPage, WebPage } from '../../platform/web/web-request';
import type { PageContext } from '../../platform/web/web-request';
import { Collection, Collections } from './collections';
import { valueLabel, VALUE_LABELS } from './value-labels';

/** Which collection lists the records a reference column names, and how a suggestion reads. */
const REFERENCED: Record<string, { slug: string; key: string; label: (record: RecordView) => string }> = {
  buyer: { slug: 'acheteurs', key: 'ref', label: (record) => String(record.name) },
  operation: { slug: 'operations', key: 'ref', label: (record) => String(record.name) },
  market: { slug: 'marches', key: 'ref', label: (record) => String(record.title) },
  company: { slug: 'entreprises', key: 'siret', label: (record) => String(record.name) },
  participant: { slug: 'participants', key: 'ref', label: (record) => `${String(record.lastName ?? '')} ${String(record.firstName ?? '')}`.trim() },
  work_contract: { slug: 'contrats', key: 'ref', label: (record) => String(record.jobTitle ?? record.ref) },
};

/** How many records a reference field suggests. */
const SUGGESTED = 200;

/** A value as a list cell shows it: dates and decimals the French way, codes by their name. */
function cell(collection: Collection, field: string, value: unknown): string {
  if (typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value)) return day(value);
  const column = field.replace(/[A-Z]/g, (letter) => `_${letter.toLowerCase()}`);
  if (collection.definition.fields[column]?.control === 'decimal') return decimalText(value as string | null) || '—';
  return valueLabel(column, value);
}

export function editHref(collection: Collection, id: string): string {
  return `/donnees/${collection.slug}/${id}/modifier`;
}

/**
 * The structure's records of every kind, listed, created and edited through their module's service: the référentiel
 * a facilitator keeps (buyers, operations, markets and lots, companies, awards, participants, contracts, PLIE).
 */
@ApiExcludeController()
@Controller('donnees')
export class RecordsPagesController {
  constructor(private readonly collections: Collections) {}

  @Get()
  @Roles(Role.Facilitator)
  @WebPage()
  index(@CurrentPage() context: PageContext) {
    return page(
      { title: 'Référentiel', context, breadcrumbs: [['Accueil', '/'], ['Référentiel']] },
      <div>
        <h1>Référentiel de la structure</h1>
        <p>Les données que la structure tient à jour, saisies ici ou importées en fichier CSV.</p>
        <div class="fr-grid-row fr-grid-row--gutters">
          {this.collections.all.map((collection) => (
            <div class="fr-col-12 fr-col-md-4">
              <div class="fr-tile fr-enlarge-link">
                <div class="fr-tile__body">
                  <div class="fr-tile__content">
                    <h2 class="fr-tile__title">
                      <a href={`/donnees/${collection.slug}`}>{collection.title}</a>
                    </h2>
                  </div>
                </div>
              </div>
            </div>
          ))}
        </div>
      </div>,
    );
  }

  @Get(':slug')
  @Roles(Role.Facilitator)
  @WebPage()
  async list(@CurrentPage() context: PageContext, @Param('slug') slug: string, @Query() raw: Record<string, string>) {
    const collection = this.collection(slug);
    const given = { q: raw.q || undefined, page: raw.page || undefined };
    const query = await validateAs(collection.listQuery, given);
    const result = await collection.list(scopeOf(context.principal), query);
    const base = `/donnees/${slug}`;
    return page(
      { title: collection.title, context, breadcrumbs: [['Accueil', '/'], ['Référentiel', '/donnees'], [collection.title]] },
      <div>
        <h1>{collection.title}</h1>
        {raw.enregistre ? <Alert kind="success" title={`Enregistré : ${raw.enregistre}`} /> : null}
        <div class="fr-grid-row fr-grid-row--gutters fr-grid-row--bottom fr-mb-2w">
          <form method="get" action={base} class="fr-col-12 fr-col-md-8" role="search">
            <div class="fr-search-bar" id="recherche">
              <label class="fr-label" for="champ-q">
                Rechercher
              </label>
              <input class="fr-input" placeholder="Référence, nom…" type="search" id="champ-q" name="q" value={given.q} />
              <button class="fr-btn" title="Rechercher" type="submit">
                Rechercher
              </button>
            </div>
          </form>
          <div class="fr-col-12 fr-col-md-4">
            <a class="fr-btn fr-icon-add-line fr-btn--icon-left" href={`${base}/nouveau`}>
              Ajouter {collection.one}
            </a>
          </div>
        </div>
        <Table
          caption={`${collection.title} : ${result.total} au total`}
          head={[...collection.columns.map(([, label]) => label), 'Actions']}
          rows={result.items.map((record) => [
            ...collection.columns.map(([field], index) =>
              index === 0 && collection.pageOf ? <a href={collection.pageOf(record.id)}>{cell(collection, field, record[field])}</a> : cell(collection, field, record[field]),
            ),
            <a class="fr-link" href={editHref(collection, record.id)}>
              Modifier<span class="fr-sr-only"> {cell(collection, collection.columns[0]![0], record[collection.columns[0]![0]])}</span>
            </a>,
          ])}
          empty="Aucun enregistrement"
        />
        <Pagination page={result.page} pageSize={result.pageSize} total={result.total} href={(number) => withQuery(base, given, { page: number })} />
      </div>,
    );
  }

  @Get(':slug/nouveau')
  @Roles(Role.Facilitator)
  @WebPage()
  async createForm(@CurrentPage() context: PageContext, @Param('slug') slug: string, @Query() raw: Record<string, string>) {
    const collection = this.collection(slug);
    const parent = await this.parentOf(context, collection, raw.lot);
    // Fields may come filled in by the link that leads here (« ajouter un contrat » on a market's page); a lot starts
    // with its market's buyer and period, which it must keep within.
    const given = Object.fromEntries(Object.keys(collection.definition.fields).map((column) => apiName(column)).filter((name) => raw[name]).map((name) => [name, raw[name]]));
    const values = parent ? { ...given, buyerRef: parent.buyerRef, startDate: parent.startDate, endDate: parent.endDate } : given;
    return this.form(context, collection, undefined, values, [], parent);
  }

  @Post(':slug/nouveau')
  @Roles(Role.Facilitator)
  @WebPage()
  async create(@CurrentPage() context: PageContext, @Param('slug') slug: string, @Query('lot') lotOf: unknown, @Body() form: FormValues, @Res() reply: FastifyReply) {
    const collection = this.collection(slug);
    const scope = scopeOf(context.principal);
    const parent = await this.parentOf(context, collection, lotOf);
    const body = recordBody(collection.definition, form, { change: false });
    const outcome = await submit(collection.createDto, body, (checked) =>
      parent ? collection.createPart!(scope, context.principal, parent.id, checked) : collection.create(scope, context.principal, checked),
    );
    if ('problems' in outcome) return reply.status(400).type('text/html; charset=utf-8').send(await this.form(context, collection, undefined, form, outcome.problems, parent));
    reply.redirect(this.afterSave(collection, outcome.done), 303);
  }

  @Get(':slug/:id/modifier')
  @Roles(Role.Facilitator)
  @WebPage()
  async editForm(@CurrentPage() context: PageContext, @Param('slug') slug: string, @Param('id', new UuidParamPipe()) id: string) {
    const collection = this.collection(slug);
    const record = await collection.get(scopeOf(context.principal), id);
    return this.form(context, collection, record, record, []);
  }

  @Post(':slug/:id/modifier')
  @Roles(Role.Facilitator)
  @WebPage()
  async update(@CurrentPage() context: PageContext, @Param('slug') slug: string, @Param('id', new UuidParamPipe()) id: string, @Body() form: FormValues, @Res() reply: FastifyReply) {
    const collection = this.collection(slug);
    const scope = scopeOf(context.principal);
    const record = await collection.get(scope, id);
    const body = recordBody(collection.definition, form, { change: true, omit: collection.definition.key });
    const outcome = await submit(collection.updateDto, body, (checked) => collection.update(scope, context.principal, id, checked));
    if ('problems' in outcome) {
      return reply.status(400).type('text/html; charset=utf-8').send(await this.form(context, collection, record, { ...record, ...form }, outcome.problems));
    }
    reply.redirect(this.afterSave(collection, outcome.done), 303);
  }

  private collection(slug: string): Collection {
    const collection = this.collections.bySlug(slug);
    if (!collection) throw new NotFoundError('Page');
    return collection;
  }

  /** The record a new one is a part of (a market's lot), given by the address. */
  private async parentOf(context: PageContext, collection: Collection, id: unknown): Promise<RecordView | undefined> {
    if (id === undefined || id === '' || !collection.createPart) return undefined;
    return collection.get(scopeOf(context.principal), new UuidParamPipe('lot').transform(String(id)));
  }

  private afterSave(collection: Collection, saved: RecordView): string {
    const key = collection.columns[0]![0];
    return collection.pageOf ? `${collection.pageOf(saved.id)}?enregistre=1` : withQuery(`/donnees/${collection.slug}`, { enregistre: String(saved[key]) });
  }

  /** The create or edit form of a record; `values` are the record's, or what was just refused. */
  private async form(
    context: PageContext,
    collection: Collection,
    record: RecordView | undefined,
    values: Record<string, unknown>,
    problems: FieldProblem[],
    parent?: RecordView,
  ): Promise<string> {
    const scope = scopeOf(context.principal);
    const key = collection.columns[0]![0];
    const title = record ? `Modifier ${collection.one} : ${String(record[key])}` : parent ? `Ajouter un lot au marché ${String(parent[key])}` : `Ajouter ${collection.one}`;
    const action = record ? editHref(collection, record.id) : parent ? `/donnees/${collection.slug}/nouveau?lot=${parent.id}` : `/donnees/${collection.slug}/nouveau`;
    return page(
      {
        title: problems.length > 0 ? `Erreur — ${title}` : title,
        context,
        breadcrumbs: [['Accueil', '/'], ['Référentiel', '/donnees'], [collection.title, `/donnees/${collection.slug}`], [record ? 'Modifier' : 'Ajouter']],
      },
      <div class="fr-grid-row">
        <div class="fr-col-12 fr-col-lg-8">
          <h1>{title}</h1>
          <p class="fr-text--sm">Les champs marqués « obligatoire » doivent être remplis. Les autres peuvent rester vides.</p>
          {parent ? <p>Un lot a l’acheteur de son marché ; sans opération saisie, il prend aussi la sienne. Sa période doit tenir dans celle du marché.</p> : null}
          <form method="post" action={action} novalidate>
            <CsrfField token={context.csrfToken} />
            {record
              ? collection.definition.key.map((column) => (
                  <TextField
                    name={`cle-${column}`}
                    label={`${collection.definition.fields[column]!.description} (ne change pas)`}
                    value={String(record[column.replace(/_([a-z])/g, (_, letter: string) => letter.toUpperCase())] ?? '')}
                    extra={{ disabled: 'disabled' }}
                  />
                ))
              : null}
            <RecordFields
              definition={collection.definition}
              values={values}
              problems={problems}
              valueLabels={VALUE_LABELS}
              omit={record ? collection.definition.key : []}
              suggestions={await this.suggestions(scope, collection)}
              extra={collection.slug === 'marches' ? OBJECTIVE_CALCULATOR : undefined}
            />
            {collection.slug === 'marches' ? (
              <div class="fr-callout fr-mb-3w">
                <p class="fr-callout__text" id="objectif-calcule" aria-live="polite">
                  Saisissez le montant, la part de main-d’œuvre, le taux d’insertion et le coût horaire : l’objectif d’heures calculé s’affiche ici.
                </p>
              </div>
            ) : null}
            <FormButtons label="Enregistrer" cancel={record && collection.pageOf ? collection.pageOf(record.id) : `/donnees/${collection.slug}`} />
          </form>
        </div>
      </div>,
    );
  }

  /** The records a form's reference fields may name, for the browser to suggest as they are typed. */
  private async suggestions(scope: AccessScope, collection: Collection): Promise<Record<string, [string, string][]>> {
    const entries = await Promise.all(
      collection.definition.references.map(async (reference) => {
        const referenced = REFERENCED[reference.table];
        const source = referenced && this.collections.bySlug(referenced.slug);
        if (!referenced || !source) return undefined;
        const { items } = await source.list(scope, await validateAs(source.listQuery, { pageSize: String(SUGGESTED) }));
        return [reference.column, items.map((item): [string, string] => [String(item[referenced.key]), referenced.label(item)])] as const;
      }),
    );
    return Object.fromEntries(entries.filter((entry) => entry !== undefined));
  }
}

/** The market form's sizing inputs ask the server for the objective they give, as they are typed (htmx). */
const OBJECTIVE_CALCULATOR: Record<string, Record<string, string>> = Object.fromEntries(
  ['amount_excl_tax', 'labour_share_pct', 'insertion_rate_pct', 'hourly_cost'].map((column) => [
    column,
    {
      'hx-get': '/marches/objectif',
      'hx-trigger': column === 'amount_excl_tax' ? 'input changed delay:300ms, load' : 'input changed delay:300ms',
      'hx-target': '#objectif-calcule',
      'hx-include': '[name=amountExclTax],[name=labourSharePct],[name=insertionRatePct],[name=hourlyCost]',
    },
  ]),
);

