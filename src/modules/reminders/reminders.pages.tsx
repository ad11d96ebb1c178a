import { Controller, Get, Query } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { Roles } from '../../platform/auth/access.decorators';
import { scopeOf } from '../../platform/auth/principal';
import { Role } from '../../platform/auth/roles';
import { Clock, parisDay } from '../../platform/clock';
import { Table } from '../../platform/web/components';
import { day, monthName } from '../../platform/web/format';
import { h } from '../../platform/web/jsx';
import { page } from '../../platform/web/layout';
import { monthParameter } from '../../platform/web/months';
import { CurrentPage, WebPage } from '../../platform/web/web-request';
import type { PageContext } from '../../platform/web/web-request';
import { DECLARATION_DUE_DAY, MAX_DECLARATION_REMINDERS } from './reminders.rules';
import { RemindersService } from './reminders.service';

/** The companies a facilitator must chase by hand: reminded three times, or with no account to remind. */
@ApiExcludeController()
@Controller('declarations/en-retard')
export class RemindersPagesController {
  constructor(
    private readonly reminders: RemindersService,
    private readonly clock: Clock,
  ) {}

  @Get()
  @Roles(Role.Facilitator)
  @WebPage()
  async late(@CurrentPage() context: PageContext, @Query('mois') asked: unknown) {
    const now = this.clock.now();
    const month = monthParameter(asked, new Date(`${parisDay(now)}T12:00:00Z`));
    const companies = await this.reminders.lateDeclarations(scopeOf(context.principal), month, now);
    return page(
      { title: `Déclarations en retard — ${monthName(month)}`, context, breadcrumbs: [['Accueil', '/'], ['Déclarations', '/declarations'], ['En retard']] },
      <div>
        <h1>Déclarations en retard de {monthName(month)}</h1>
        <p>
          Les heures d’un mois se déclarent avant le {DECLARATION_DUE_DAY} du mois suivant. Chaque entreprise reçoit alors un rappel, puis un par semaine,{' '}
          {MAX_DECLARATION_REMINDERS} au plus ; celles qui n’ont toujours pas déclaré, ou qu’aucun compte ne permet de prévenir, sont à relancer par vous.
        </p>
        <Table
          caption={`${companies.length} entreprise${companies.length > 1 ? 's' : ''} à relancer`}
          head={['Entreprise', 'SIRET', 'Marchés', 'Contrats sans heures', 'Rappels envoyés', 'Dernier rappel']}
          rows={companies.map((company) => [
            company.name,
            company.siret,
            company.marketRefs.join(', '),
            String(company.contracts),
            company.hasAccount ? String(company.reminders) : 'aucun compte entreprise',
            day(company.lastReminderOn),
          ])}
          empty="Aucune entreprise en retard pour ce mois"
        />
      </div>,
    );
  }
}
