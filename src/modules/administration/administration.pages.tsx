import { Body, Controller, Get, Param, Post, Query, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Roles } from '../../platform/auth/access.decorators';
import { Role, ROLE_LABELS, ROLES } from '../../platform/auth/roles';
import { FieldProblem, InvalidError } from '../../platform/http/domain-errors';
import { UuidParamPipe } from '../../platform/http/uuid-param.pipe';
import { validateAs } from '../../platform/http/validation.pipe';
import { Alert, Badge, ErrorSummary, FormButtons, Pagination, SelectField, Table, TextField, withQuery } from '../../platform/web/components';
import { integer, moment } from '../../platform/web/format';
import { single, submit } from '../../platform/web/forms';
import type { FormValues } from '../../platform/web/forms';
import { h, Html } from '../../platform/web/jsx';
import { CsrfField, page } from '../../platform/web/layout';
import { CurrentPage, WebPage } from '../../platform/web/web-request';
import type { PageContext } from '../../platform/web/web-request';
import { AccountsService } from '../accounts/accounts.service';
import { AccountListQuery, CreateAccountDto, UpdateAccountDto } from '../accounts/dto/account.dto';
import { CreateStructureDto, StructureListQuery, UpdateStructureDto } from '../structures/dto/structure.dto';
import { STRUCTURE_KINDS } from '../structures/structures.rules';
import { attachmentLabel } from '../accounts/accounts.labels';
import { StructuresService } from '../structures/structures.service';
import { ScheduledRuns } from '../../platform/schedules/scheduled-runs';
import { repeatLabel, SCHEDULE_LABELS } from './schedules.labels';

const STRUCTURE_KIND_LABELS: Record<string, string> = {
  PLIE: 'PLIE',
  MDE: 'Maison de l’emploi',
  EPCI: 'Intercommunalité (EPCI)',
  MUNICIPALITY: 'Commune',
  DEPARTMENT: 'Département',
  OTHER: 'Autre structure',
};

const ACCOUNT_LABELS = { email: 'Adresse e-mail', role: 'Rôle', structureRef: 'Structure (référence)', siret: 'SIRET', password: 'Mot de passe provisoire' };
const STRUCTURE_LABELS = { ref: 'Référence', name: 'Nom', kind: 'Type', region: 'Région' };

/** Only what was typed: an empty field is left out, as a JSON client would. */
function given(form: FormValues, names: string[]): Record<string, string> {
  return Object.fromEntries(names.map((name) => [name, single(form[name])?.trim() ?? '']).filter(([, value]) => value !== ''));
}

const errorOf = (problems: FieldProblem[], field: string) => problems.find((problem) => problem.champ === field)?.message;

/** The administrator's pages: structures (list with counts, create, edit) and accounts (create, deactivate, reset). */
@ApiExcludeController()
@Controller('administration')
export class AdministrationPagesController {
  constructor(
    private readonly structures: StructuresService,
    private readonly accounts: AccountsService,
    private readonly runs: ScheduledRuns,
  ) {}

  @Get('taches')
  @Roles(Role.Admin)
  @WebPage()
  async schedules(@CurrentPage() context: PageContext) {
    const states = await this.runs.states();
    const outcomes: Record<string, Html> = {
      DONE: <Badge kind="success">Réussie</Badge>,
      FAILED: <Badge kind="error">Échec</Badge>,
      RUNNING: <Badge kind="info">En cours</Badge>,
    };
    return page(
      { title: 'Tâches planifiées', context, breadcrumbs: [['Accueil', '/'], ['Tâches planifiées']] },
      <div>
        <h1>Tâches planifiées</h1>
        <p>
          Les tâches que les workers exécutent d’eux-mêmes. Chacune n’a qu’une exécution par échéance, quel que soit le nombre de workers ; une tâche quotidienne déjà
          faite pour un jour ne refait rien.
        </p>
        <Table
          caption="Tâches planifiées et leur dernière exécution"
          head={['Tâche', 'Quand', 'Prochaine exécution', 'Dernière exécution', 'Résultat', 'Compte rendu']}
          rows={states.map((state) => [
            SCHEDULE_LABELS[state.job] ?? state.job,
            repeatLabel(state.repeat),
            state.nextRunAt ? moment(state.nextRunAt) : 'inconnue (aucun worker ne l’a encore déclarée)',
            state.lastRun ? moment(state.lastRun.startedAt) : 'jamais',
            state.lastRun ? (outcomes[state.lastRun.outcome] ?? state.lastRun.outcome) : '—',
            state.lastRun?.summary ?? '—',
          ])}
        />
      </div>,
    );
  }

  @Get('structures')
  @Roles(Role.Admin)
  @WebPage()
  async structureList(@CurrentPage() context: PageContext, @Query() raw: Record<string, string>) {
    return this.structuresPage(context, raw, {}, []);
  }

  @Post('structures')
  @Roles(Role.Admin)
  @WebPage()
  async createStructure(@CurrentPage() context: PageContext, @Body() form: FormValues, @Res() reply: FastifyReply) {
    const outcome = await submit(CreateStructureDto, given(form, Object.keys(STRUCTURE_LABELS)), (checked) => this.structures.create(checked as CreateStructureDto));
    if ('problems' in outcome) return reply.status(400).type('text/html; charset=utf-8').send(await this.structuresPage(context, {}, form, outcome.problems));
    reply.redirect(`/administration/structures?creee=${encodeURIComponent(outcome.done.ref)}`, 303);
  }

  @Get('structures/:id')
  @Roles(Role.Admin)
  @WebPage()
  async structureForm(@CurrentPage() context: PageContext, @Param('id', new UuidParamPipe()) id: string) {
    const structure = await this.structures.get({ kind: 'all' }, id);
    return this.structurePage(context, id, { ...structure, region: structure.region ?? '' }, []);
  }

  @Post('structures/:id')
  @Roles(Role.Admin)
  @WebPage()
  async updateStructure(@CurrentPage() context: PageContext, @Param('id', new UuidParamPipe()) id: string, @Body() form: FormValues, @Res() reply: FastifyReply) {
    await this.structures.get({ kind: 'all' }, id);
    const outcome = await submit(UpdateStructureDto, given(form, ['name', 'kind', 'region']), (checked) => this.structures.update({ kind: 'all' }, id, checked as UpdateStructureDto));
    if ('problems' in outcome) return reply.status(400).type('text/html; charset=utf-8').send(await this.structurePage(context, id, form, outcome.problems));
    reply.redirect(`/administration/structures?modifiee=${encodeURIComponent(outcome.done.ref)}`, 303);
  }

  @Get('comptes')
  @Roles(Role.Admin)
  @WebPage()
  async accountList(@CurrentPage() context: PageContext, @Query() raw: Record<string, string>) {
    return this.accountsPage(context, raw, {}, []);
  }

  /** An account created here has a temporary password: its owner chooses another at the first login. */
  @Post('comptes')
  @Roles(Role.Admin)
  @WebPage()
  async createAccount(@CurrentPage() context: PageContext, @Body() form: FormValues, @Res() reply: FastifyReply) {
    const outcome = await submit(CreateAccountDto, given(form, Object.keys(ACCOUNT_LABELS)), (checked) => this.accounts.create(checked as CreateAccountDto, true));
    if ('problems' in outcome) return reply.status(400).type('text/html; charset=utf-8').send(await this.accountsPage(context, {}, form, outcome.problems));
    reply.redirect(`/administration/comptes/${outcome.done.id}?cree=1`, 303);
  }

  @Get('comptes/:id')
  @Roles(Role.Admin)
  @WebPage()
  async account(@CurrentPage() context: PageContext, @Param('id', new UuidParamPipe()) id: string, @Query() raw: Record<string, string>) {
    return this.accountPage(context, id, raw, []);
  }

  @Post('comptes/:id/etat')
  @Roles(Role.Admin)
  @WebPage()
  async setActive(@CurrentPage() context: PageContext, @Param('id', new UuidParamPipe()) id: string, @Body() form: FormValues, @Res() reply: FastifyReply) {
    const active = single(form.active) === 'true';
    // An administrator who deactivated their own account would lock themselves out, with no one to undo it.
    if (!active && id === context.principal.userId) throw InvalidError.field('active', 'vous ne pouvez pas désactiver votre propre compte');
    await this.accounts.update(id, await validateAs(UpdateAccountDto, { active }));
    reply.redirect(`/administration/comptes/${id}?${active ? 'reactive' : 'desactive'}=1`, 303);
  }

  /** A new password chosen by the administrator is temporary, and ends the account's sessions. */
  @Post('comptes/:id/mot-de-passe')
  @Roles(Role.Admin)
  @WebPage()
  async resetPassword(@CurrentPage() context: PageContext, @Param('id', new UuidParamPipe()) id: string, @Body() form: FormValues, @Res() reply: FastifyReply) {
    const outcome = await submit(UpdateAccountDto, { password: single(form.password) ?? '' }, (checked) => this.accounts.update(id, checked as UpdateAccountDto, true));
    if ('problems' in outcome) return reply.status(400).type('text/html; charset=utf-8').send(await this.accountPage(context, id, {}, outcome.problems));
    reply.redirect(`/administration/comptes/${id}?reinitialise=1`, 303);
  }

  private async structuresPage(context: PageContext, raw: Record<string, string>, form: FormValues, problems: FieldProblem[]): Promise<string> {
    const query = await validateAs(StructureListQuery, { page: raw.page || undefined, pageSize: '50' });
    const list = await this.structures.list({ kind: 'all' }, query);
    return page(
      { title: problems.length > 0 ? 'Erreur — Structures' : 'Structures', context, breadcrumbs: [['Accueil', '/'], ['Structures']] },
      <div>
        <h1>Structures</h1>
        {raw.creee ? <Alert kind="success" title={`Structure créée : ${raw.creee}`} /> : null}
        {raw.modifiee ? <Alert kind="success" title={`Structure modifiée : ${raw.modifiee}`} /> : null}
        <Table
          caption={`${list.total} structure${list.total > 1 ? 's' : ''}`}
          head={['Référence', 'Nom', 'Type', 'Région', 'Facilitateurs actifs']}
          rows={list.items.map((structure) => [
            <a href={`/administration/structures/${structure.id}`}>{structure.ref}</a>,
            structure.name,
            STRUCTURE_KIND_LABELS[structure.kind] ?? structure.kind,
            structure.region ?? '—',
            integer(structure.facilitatorCount),
          ])}
          empty="Aucune structure"
        />
        <Pagination page={list.page} pageSize={list.pageSize} total={list.total} href={(number) => withQuery('/administration/structures', { page: number })} />
        <h2>Créer une structure</h2>
        <ErrorSummary problems={problems} labels={STRUCTURE_LABELS} />
        <form method="post" action="/administration/structures">
          <CsrfField token={context.csrfToken} />
          <TextField name="ref" label={STRUCTURE_LABELS.ref} hint="Lettres, chiffres, « - », « _ » ou « . »" value={single(form.ref)} error={errorOf(problems, 'ref')} required />
          <TextField name="name" label={STRUCTURE_LABELS.name} value={single(form.name)} error={errorOf(problems, 'name')} required />
          <SelectField name="kind" label={STRUCTURE_LABELS.kind} value={single(form.kind)} options={STRUCTURE_KINDS.map((kind) => [kind, STRUCTURE_KIND_LABELS[kind] ?? kind])} error={errorOf(problems, 'kind')} required />
          <TextField name="region" label={STRUCTURE_LABELS.region} value={single(form.region)} error={errorOf(problems, 'region')} />
          <button class="fr-btn" type="submit">
            Créer la structure
          </button>
        </form>
      </div>,
    );
  }

  private structurePage(context: PageContext, id: string, values: Record<string, unknown>, problems: FieldProblem[]): string {
    const text = (name: string) => (typeof values[name] === 'string' ? (values[name] as string) : single(values[name] as string[] | undefined));
    return page(
      { title: problems.length > 0 ? 'Erreur — Modifier une structure' : 'Modifier une structure', context, breadcrumbs: [['Accueil', '/'], ['Structures', '/administration/structures'], ['Modifier']] },
      <div class="fr-grid-row">
        <div class="fr-col-12 fr-col-lg-8">
          <h1>Modifier la structure {text('ref') ?? ''}</h1>
          <ErrorSummary problems={problems} labels={STRUCTURE_LABELS} />
          <form method="post" action={`/administration/structures/${id}`}>
            <CsrfField token={context.csrfToken} />
            <TextField name="name" label={STRUCTURE_LABELS.name} value={text('name')} error={errorOf(problems, 'name')} required />
            <SelectField name="kind" label={STRUCTURE_LABELS.kind} value={text('kind')} options={STRUCTURE_KINDS.map((kind) => [kind, STRUCTURE_KIND_LABELS[kind] ?? kind])} error={errorOf(problems, 'kind')} required />
            <TextField name="region" label={STRUCTURE_LABELS.region} value={text('region')} error={errorOf(problems, 'region')} />
            <FormButtons label="Enregistrer" cancel="/administration/structures" />
          </form>
        </div>
      </div>,
    );
  }

  private async accountsPage(context: PageContext, raw: Record<string, string>, form: FormValues, problems: FieldProblem[]): Promise<string> {
    // The list's filter is `profil`: the creation form below has its own `role` field.
    const role = (ROLES as string[]).includes(raw.profil ?? '') ? raw.profil : undefined;
    const list = await this.accounts.list(await validateAs(AccountListQuery, { role, page: raw.page || undefined, pageSize: '50' }));
    return page(
      { title: problems.length > 0 ? 'Erreur — Comptes' : 'Comptes', context, breadcrumbs: [['Accueil', '/'], ['Comptes']] },
      <div>
        <h1>Comptes</h1>
        <form method="get" action="/administration/comptes" class="fr-grid-row fr-grid-row--bottom fr-grid-row--gutters fr-mb-2w" aria-label="Filtrer les comptes">
          <div class="fr-col-8 fr-col-md-4">
            <SelectField name="profil" label="Rôle des comptes listés" empty="Tous" value={role} options={ROLES.map((candidate) => [candidate, ROLE_LABELS[candidate]])} />
          </div>
          <div class="fr-col-4">
            <button class="fr-btn fr-btn--secondary" type="submit">
              Filtrer
            </button>
          </div>
        </form>
        <Table
          caption={`${list.total} compte${list.total > 1 ? 's' : ''}`}
          head={['Adresse e-mail', 'Rôle', 'Rattachement', 'État', 'Dernière connexion']}
          rows={list.items.map((account) => [
            <a href={`/administration/comptes/${account.id}`}>{account.email}</a>,
            ROLE_LABELS[account.role],
            account.structureRef ?? account.siret ?? '—',
            account.active ? <Badge kind="success">Actif</Badge> : <Badge kind="warning">Désactivé</Badge>,
            account.lastLoginAt ? moment(account.lastLoginAt) : 'jamais',
          ])}
          empty="Aucun compte"
        />
        <Pagination page={list.page} pageSize={list.pageSize} total={list.total} href={(number) => withQuery('/administration/comptes', { profil: role, page: number })} />
        <h2>Créer un compte</h2>
        <p>Le mot de passe saisi est provisoire : la personne en choisit un autre à sa première connexion.</p>
        <ErrorSummary problems={problems} labels={ACCOUNT_LABELS} />
        <form method="post" action="/administration/comptes">
          <CsrfField token={context.csrfToken} />
          <TextField name="email" label={ACCOUNT_LABELS.email} type="email" autocomplete="off" value={single(form.email)} error={errorOf(problems, 'email')} required />
          <SelectField name="role" label={ACCOUNT_LABELS.role} value={single(form.role)} options={ROLES.map((candidate) => [candidate, ROLE_LABELS[candidate]])} error={errorOf(problems, 'role')} required />
          <TextField name="structureRef" label={ACCOUNT_LABELS.structureRef} hint="Pour un facilitateur" value={single(form.structureRef)} error={errorOf(problems, 'structureRef')} />
          <TextField name="siret" label={ACCOUNT_LABELS.siret} hint="Pour un acheteur ou une entreprise : 14 chiffres" value={single(form.siret)} error={errorOf(problems, 'siret')} />
          <TextField name="password" label={ACCOUNT_LABELS.password} type="password" autocomplete="new-password" error={errorOf(problems, 'password')} required />
          <button class="fr-btn" type="submit">
            Créer le compte
          </button>
        </form>
      </div>,
    );
  }

  private async accountPage(context: PageContext, id: string, raw: Record<string, string>, problems: FieldProblem[]): Promise<string> {
    const account = await this.accounts.get(id);
    return page(
      { title: problems.length > 0 ? `Erreur — Compte ${account.email}` : `Compte ${account.email}`, context, breadcrumbs: [['Accueil', '/'], ['Comptes', '/administration/comptes'], [account.email]] },
      <div>
        <h1>{account.email}</h1>
        {raw.cree ? <Alert kind="success" title="Compte créé : son mot de passe est à changer à la première connexion" /> : null}
        {raw.desactive ? <Alert kind="success" title="Compte désactivé : ses sessions sont terminées" /> : null}
        {raw.reactive ? <Alert kind="success" title="Compte réactivé" /> : null}
        {raw.reinitialise ? <Alert kind="success" title="Mot de passe réinitialisé : à changer à la prochaine connexion" /> : null}
        <dl>
          <dt class="fr-text--bold">Rôle</dt>
          <dd>{ROLE_LABELS[account.role]}</dd>
          <dt class="fr-text--bold">Rattachement</dt>
          <dd>{attachmentLabel(account)}</dd>
          <dt class="fr-text--bold">État</dt>
          <dd>{account.active ? 'Actif' : 'Désactivé'}</dd>
        </dl>
        <form method="post" action={`/administration/comptes/${id}/etat`} class="fr-mb-4w">
          <CsrfField token={context.csrfToken} />
          <input type="hidden" name="active" value={account.active ? 'false' : 'true'} />
          <button class={`fr-btn ${account.active ? 'fr-btn--secondary' : ''}`} type="submit">
            {account.active ? 'Désactiver le compte' : 'Réactiver le compte'}
          </button>
        </form>
        <h2>Réinitialiser le mot de passe</h2>
        <ErrorSummary problems={problems} labels={{ password: 'Nouveau mot de passe provisoire' }} />
        <form method="post" action={`/administration/comptes/${id}/mot-de-passe`}>
          <CsrfField token={context.csrfToken} />
          <TextField name="password" label="Nouveau mot de passe provisoire" type="password" autocomplete="new-password" error={errorOf(problems, 'password')} required />
          <button class="fr-btn fr-btn--secondary" type="submit">
            Réinitialiser
          </button>
        </form>
      </div>,
    );
  }
}
