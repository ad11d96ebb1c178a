import { Body, Controller, Get, Param, Post, Query, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Roles } from '../../platform/auth/access.decorators';
import { scopeOf } from '../../platform/auth/principal';
import { Role } from '../../platform/auth/roles';
import { Clock } from '../../platform/clock';
import { FieldProblem, NotFoundError } from '../../platform/http/domain-errors';
import { UuidParamPipe } from '../../platform/http/uuid-param.pipe';
import { Alert, FormButtons, Table } from '../../platform/web/components';
import { day } from '../../platform/web/format';
import { recordBody, submit } from '../../platform/web/forms';
import type { FormValues } from '../../platform/web/forms';
import { h } from '../../platform/web/jsx';
import { CsrfField, page } from '../../platform/web/layout';
import { RecordFields } from '../../platform/web/record-form';
import { CurrentPage, WebPage } from '../../platform/web/web-request';
import type { PageContext } from '../../platform/web/web-request';
import { ValidateExitDto } from '../plie/dto/plie.dto';
import { PLIE_PATHWAYS } from '../plie/plie.record';
import { EMPLOYMENT_DETAILS, EXIT_VALIDATION_MONTHS } from '../plie/plie.rules';
import { PlieService } from '../plie/plie.service';
import { VALUE_LABELS } from './value-labels';

/** The pathway's fields the validation asks: the job's details. */
const OTHER_FIELDS = Object.keys(PLIE_PATHWAYS.fields).filter((column) => !(EMPLOYMENT_DETAILS as readonly string[]).includes(column));

/** Job exits that have lasted six months, validated one by one as employment exits. */
@ApiExcludeController()
@Controller('sorties')
export class ExitsPagesController {
  constructor(
    private readonly plie: PlieService,
    private readonly clock: Clock,
  ) {}

  @Get()
  @Roles(Role.Facilitator)
  @WebPage()
  async list(@CurrentPage() context: PageContext, @Query('validee') validated: unknown) {
    const exits = await this.plie.exitsToValidate(scopeOf(context.principal), this.clock.now());
    return page(
      { title: 'Sorties en emploi à valider', context, breadcrumbs: [['Accueil', '/'], ['Sorties à valider']] },
      <div>
        <h1>Sorties en emploi à valider</h1>
        {validated ? <Alert kind="success" title="Sortie validée : le parcours est clos en sortie vers l’emploi" /> : null}
        <p>
          Un emploi durable (CDI, CDD de 6 mois ou plus, création d’entreprise) est d’abord une étape « emploi de sortie » ; après {EXIT_VALIDATION_MONTHS} mois, vous validez
          la sortie : le parcours se clôt en sortie vers l’emploi à cette date.
        </p>
        <Table
          caption={`${exits.length} sortie${exits.length > 1 ? 's' : ''} à valider`}
          head={['Participant', 'Début de l’emploi', `${EXIT_VALIDATION_MONTHS} mois atteints le`, 'Action']}
          rows={exits.map((exit) => [
            `${exit.participant} (${exit.participantRef})`,
            day(exit.jobStart),
            day(exit.dueOn),
            <a class="fr-link" href={`/sorties/${exit.stepId}`}>
              Valider<span class="fr-sr-only"> la sortie de {exit.participantRef}</span>
            </a>,
          ])}
          empty="Aucune sortie en emploi n’attend de validation"
        />
      </div>,
    );
  }

  @Get(':stepId')
  @Roles(Role.Facilitator)
  @WebPage()
  async form(@CurrentPage() context: PageContext, @Param('stepId', new UuidParamPipe('stepId')) stepId: string) {
    return this.validationPage(context, stepId, {}, []);
  }

  @Post(':stepId')
  @Roles(Role.Facilitator)
  @WebPage()
  async validate(@CurrentPage() context: PageContext, @Param('stepId', new UuidParamPipe('stepId')) stepId: string, @Body() form: FormValues, @Res() reply: FastifyReply) {
    const body = recordBody(PLIE_PATHWAYS, form, { change: false, omit: OTHER_FIELDS });
    const outcome = await submit(ValidateExitDto, body, (checked) => this.plie.validateExit(scopeOf(context.principal), context.principal, stepId, checked as ValidateExitDto, this.clock.now()));
    if ('problems' in outcome) return reply.status(400).type('text/html; charset=utf-8').send(await this.validationPage(context, stepId, form, outcome.problems));
    reply.redirect('/sorties?validee=1', 303);
  }

  private async validationPage(context: PageContext, stepId: string, values: FormValues, problems: FieldProblem[]): Promise<string> {
    const exit = (await this.plie.exitsToValidate(scopeOf(context.principal), this.clock.now())).find((candidate) => candidate.stepId === stepId);
    if (!exit) throw new NotFoundError('Sortie en emploi à valider');
    return page(
      { title: problems.length > 0 ? 'Erreur — Valider une sortie en emploi' : 'Valider une sortie en emploi', context, breadcrumbs: [['Accueil', '/'], ['Sorties à valider', '/sorties'], [exit.participantRef]] },
      <div class="fr-grid-row">
        <div class="fr-col-12 fr-col-lg-8">
          <h1>Valider la sortie en emploi de {exit.participant}</h1>
          <p>
            Emploi commencé le {day(exit.jobStart)} ; {EXIT_VALIDATION_MONTHS} mois atteints le {day(exit.dueOn)}. Le parcours sera clos à cette date en sortie vers l’emploi.
            Précisez l’emploi si vous le connaissez (facultatif).
          </p>
          <form method="post" action={`/sorties/${stepId}`}>
            <CsrfField token={context.csrfToken} />
            <RecordFields definition={PLIE_PATHWAYS} values={values} problems={problems} valueLabels={VALUE_LABELS} omit={OTHER_FIELDS} />
            <FormButtons label="Valider la sortie" cancel="/sorties" />
          </form>
        </div>
      </div>,
    );
  }
}
