import { Controller, Get, Param, Post, Query, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { unlink } from 'node:fs/promises';
import { Roles } from '../../platform/auth/access.decorators';
import { scopeOf } from '../../platform/auth/principal';
import { Role } from '../../platform/auth/roles';
import { InvalidError } from '../../platform/http/domain-errors';
import { attachment, spoolUpload } from '../../platform/http/files';
import { actorOf, writableStructure } from '../../platform/records/record-crud';
import { Alert, SelectField, Table } from '../../platform/web/components';
import { integer, moment } from '../../platform/web/format';
import { h } from '../../platform/web/jsx';
import { page } from '../../platform/web/layout';
import { CurrentPage, WebPage } from '../../platform/web/web-request';
import type { PageContext } from '../../platform/web/web-request';
import { IMPORT_KINDS } from '../imports/imports.rules';
import { ImportAnswer, ImportsService } from '../imports/imports.service';

/** The kinds a facilitator imports, in the order they refer to each other. */
const FACILITATOR_KINDS = IMPORT_KINDS.filter((kind) => kind !== 'structures');

export const IMPORT_LABELS: Record<string, string> = {
  structures: 'Structures',
  buyers: 'Acheteurs',
  operations: 'Opérations',
  markets: 'Marchés et lots',
  companies: 'Entreprises',
  awards: 'Attributions',
  participants: 'Participants',
  work_contracts: 'Contrats de travail',
  hours: 'Heures d’insertion',
  plie_pathways: 'Parcours PLIE',
  plie_steps: 'Étapes de parcours PLIE',
  plie_annual_data: 'Questionnaire annuel PLIE',
};

/** Importing a structure's CSV files, all or nothing, with every problem of a refused file shown. */
@ApiExcludeController()
@Controller('importer')
export class ImportsPagesController {
  constructor(private readonly imports: ImportsService) {}

  @Get()
  @Roles(Role.Facilitator)
  @WebPage()
  async form(@CurrentPage() context: PageContext) {
    return this.importsPage(context);
  }

  /** A file upload is read by the handler, not before: its CSRF token travels in the address (see the guard). */
  @Post()
  @Roles(Role.Facilitator)
  @WebPage()
  async upload(@CurrentPage() context: PageContext, @Req() request: FastifyRequest, @Query('jeton') token: unknown, @Res() reply: FastifyReply) {
    const upload = await spoolUpload(request);
    try {
      const kind = upload.fields.kind;
      if (!kind) throw InvalidError.field('kind', 'choisissez le type de fichier à importer');
      // The page that sent the file follows the import by its token (see import-progress.js).
      const progress = this.imports.trackProgress(token, context.principal.userId);
      const answer = await this.imports.run(kind, upload.path, { scope: scopeOf(context.principal), actor: actorOf(context.principal), fileName: upload.fileName ?? undefined, progress });
      reply
        .status('errors' in answer ? 400 : 200)
        .type('text/html; charset=utf-8')
        .send(await this.importsPage(context, { answer, fileName: upload.fileName }));
    } finally {
      await unlink(upload.path).catch(() => undefined);
    }
  }

  /** Where the import sent with this token stands (JSON, polled by the page while its upload runs). */
  @Get('progression/:jeton')
  @Roles(Role.Facilitator)
  @WebPage()
  progressOf(@CurrentPage() context: PageContext, @Param('jeton') token: string, @Res() reply: FastifyReply) {
    const view = this.imports.progressOf(token, context.principal.userId);
    reply.type('application/json; charset=utf-8').send(view ?? { phase: 'sending', label: 'Envoi du fichier', percent: 0, rows: 0 });
  }

  @Get('modeles/:kind')
  @Roles(Role.Facilitator)
  @WebPage()
  template(@Param('kind') file: string, @Res({ passthrough: true }) reply: FastifyReply) {
    const template = this.imports.template(file.replace(/\.csv$/, ''));
    // Set here, over the page's HTML type that WebPage declares.
    reply.header('Content-Type', 'text/csv; charset=utf-8').header('Content-Disposition', attachment(template.fileName));
    return template.csv;
  }

  /** The file of one of the structure's imports, as it was sent. */
  @Get(':id/fichier')
  @Roles(Role.Facilitator)
  @WebPage()
  async file(@CurrentPage() context: PageContext, @Param('id') id: string, @Res() reply: FastifyReply) {
    const { fileName, content } = await this.imports.file(scopeOf(context.principal), id);
    reply.type('text/csv').header('Content-Disposition', attachment(fileName)).send(content);
  }

  private async importsPage(context: PageContext, outcome?: { answer: ImportAnswer; fileName: string | null }): Promise<string> {
    const recent = await this.imports.recent(writableStructure(scopeOf(context.principal)), 10);
    const answer = outcome?.answer;
    return page(
      { title: answer && 'errors' in answer ? 'Erreur — Imports' : 'Imports', context, breadcrumbs: [['Accueil', '/'], ['Imports']] },
      <div>
        <h1>Importer un fichier</h1>
        {answer && 'errors' in answer ? (
          <div>
            <Alert kind="error" title={`Fichier refusé : ${outcome?.fileName ?? ''}`}>
              <p>
                Rien n’a été importé. {answer.errorCount ?? answer.errors.length} problème{(answer.errorCount ?? answer.errors.length) > 1 ? 's' : ''} à corriger dans le fichier,
                puis importez-le de nouveau.
              </p>
            </Alert>
            <Table
              caption="Problèmes du fichier, ligne par ligne"
              head={['Ligne', 'Colonne', 'Problème']}
              rows={answer.errors.map((problem) => [String(problem.line), problem.column, problem.message])}
            />
          </div>
        ) : null}
        {answer && !('errors' in answer) ? (
          <Alert kind="success" title={`Fichier importé : ${outcome?.fileName ?? ''}`}>
            <p>
              {IMPORT_LABELS[answer.kind]} : {integer(answer.inserted)} créé(s), {integer(answer.updated)} modifié(s), {integer(answer.unchanged)} inchangé(s)
              {answer.deleted === undefined ? '' : `, ${integer(answer.deleted)} supprimé(s) (remplacés par le fichier)`}.
            </p>
          </Alert>
        ) : null}
        <p>
          Un fichier CSV (séparateur « ; » ou « , », encodage UTF-8 ou Windows-1252) s’importe en entier ou pas du tout : au moindre problème, rien n’est écrit et chaque
          problème est listé avec sa ligne et sa colonne. Réimporter le même fichier ne change rien ; une ligne modifiée met à jour l’enregistrement.
        </p>
        <form method="post" action={`/importer?_csrf=${encodeURIComponent(context.csrfToken)}`} enctype="multipart/form-data" class="fr-mb-6w" data-import-progress="progression-import">
          <SelectField name="kind" label="Type de fichier" required options={FACILITATOR_KINDS.map((kind) => [kind, IMPORT_LABELS[kind]!])} />
          <div class="fr-upload-group fr-mb-3w">
            <label class="fr-label" for="champ-file">
              Fichier CSV (obligatoire)
              <span class="fr-hint-text">Taille maximale : celle configurée pour le service. Format : .csv</span>
            </label>
            <input class="fr-upload" type="file" id="champ-file" name="file" accept=".csv,text/csv" required />
          </div>
          <button class="fr-btn" type="submit">
            Importer
          </button>
          <div id="progression-import" class="fr-mt-3w" role="status" aria-live="polite" hidden>
            <p class="fr-mb-1w" data-label>
              Envoi du fichier
            </p>
            <progress class="ct-progress" max="100" value="0" aria-label="Avancement de l’import">
              0 %
            </progress>
          </div>
        </form>

        <h2>Modèles de fichiers</h2>
        <p>Chaque modèle contient la ligne d’en-tête attendue et une ligne d’exemple. Importez les types dans cet ordre : chacun fait référence aux précédents.</p>
        <ul>
          {FACILITATOR_KINDS.map((kind) => (
            <li>
              <a class="fr-link fr-icon-download-line fr-link--icon-left" href={`/importer/modeles/${kind}.csv`} download>
                {IMPORT_LABELS[kind]} (modele-{kind}.csv)
              </a>
            </li>
          ))}
        </ul>

        <h2>Derniers imports</h2>
        <Table
          caption="Les dix derniers fichiers importés dans la structure"
          head={['N°', 'Date', 'Type', 'Fichier', 'Auteur', 'Créés', 'Modifiés', 'Inchangés']}
          rows={recent.map((run) => [
            run.id ?? '—',
            moment(run.at),
            IMPORT_LABELS[run.kind] ?? run.kind,
            run.id ? (
              <a class="fr-link fr-icon-download-line fr-link--icon-left" href={`/importer/${run.id}/fichier`}>
                {run.fileName ?? `import-${run.id}.csv`}
                <span class="fr-sr-only"> (télécharger le fichier de l’import n° {run.id})</span>
              </a>
            ) : (
              (run.fileName ?? '—')
            ),
            run.actor,
            integer(run.inserted),
            integer(run.updated),
            integer(run.unchanged),
          ])}
          empty="Aucun import pour l’instant"
        />
      </div>,
    );
  }
}
