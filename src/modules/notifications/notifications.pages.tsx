import { Body, Controller, Get, Param, Post, Query, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Roles } from '../../platform/auth/access.decorators';
import { ROLES } from '../../platform/auth/roles';
import { UuidParamPipe } from '../../platform/http/uuid-param.pipe';
import { Alert, CheckboxesField, Pagination, withQuery } from '../../platform/web/components';
import { moment } from '../../platform/web/format';
import { pageQueryOf } from '../../platform/web/forms';
import type { FormValues } from '../../platform/web/forms';
import { h } from '../../platform/web/jsx';
import { CsrfField, page } from '../../platform/web/layout';
import { CurrentPage, WebPage } from '../../platform/web/web-request';
import type { PageContext } from '../../platform/web/web-request';
import { NOTIFICATION_KIND_LABELS, NOTIFICATION_KINDS } from './notifications.rules';
import { NotificationsService } from './notifications.service';

const PAGE_SIZE = 20;

/** The bell's page, and the choice of what comes by e-mail (« Mon compte »). */
@ApiExcludeController()
@Roles(...ROLES)
@Controller()
export class NotificationsPagesController {
  constructor(private readonly notifications: NotificationsService) {}

  @Get('mes-notifications')
  @WebPage()
  async list(@CurrentPage() context: PageContext, @Query() query: Record<string, unknown>) {
    const unreadOnly = query.nonlues === '1';
    const list = await this.notifications.list(context.principal, { ...(await pageQueryOf(query.page, PAGE_SIZE)), unread: unreadOnly });
    return page(
      { title: 'Notifications', context, breadcrumbs: [['Accueil', '/'], ['Notifications']] },
      <div>
        <h1>Notifications</h1>
        {query.lues === '1' ? <Alert kind="success" title="Toutes vos notifications sont marquées comme lues" /> : null}
        <p>
          Les rappels et alertes que la plateforme vous envoie. Ils vous parviennent aussi par courriel, une fois par jour au plus ;{' '}
          <a class="fr-link" href="/compte/notifications">
            choisir les courriels que je reçois
          </a>
          .
        </p>
        <ul class="fr-btns-group fr-btns-group--inline-md fr-btns-group--icon-left">
          <li>
            <a class="fr-btn fr-btn--secondary" href={unreadOnly ? '/mes-notifications' : '/mes-notifications?nonlues=1'}>
              {unreadOnly ? 'Voir toutes les notifications' : 'Voir seulement les non lues'}
            </a>
          </li>
          {context.unreadNotifications > 0 ? (
            <li>
              <form method="post" action="/mes-notifications/tout-lu">
                <CsrfField token={context.csrfToken} />
                <button class="fr-btn fr-btn--tertiary fr-icon-check-line" type="submit">
                  Tout marquer comme lu
                </button>
              </form>
            </li>
          ) : null}
        </ul>
        <h2 class="fr-h4">
          {list.total} notification{list.total > 1 ? 's' : ''}
          {unreadOnly ? ` non lue${list.total > 1 ? 's' : ''}` : ''}
        </h2>
        {list.items.length === 0 ? (
          <p>Aucune notification pour le moment.</p>
        ) : (
          <ul class="fr-raw-list">
            {list.items.map((notification) => (
              <li class={`fr-card fr-card--no-arrow fr-card--sm fr-mb-2w${notification.readAt ? '' : ' ct-unread'}`}>
                <div class="fr-card__body">
                  <div class="fr-card__content">
                    <h3 class="fr-card__title">{notification.title}</h3>
                    <p class="fr-card__desc">{notification.body}</p>
                    <div class="fr-card__start">
                      <p class="fr-card__detail">
                        {moment(notification.createdAt)}
                        {notification.readAt ? ' · lue' : ' · non lue'}
                      </p>
                    </div>
                  </div>
                  <div class="fr-card__footer">
                    <form method="post" action={`/mes-notifications/${notification.id}/ouvrir`}>
                      <CsrfField token={context.csrfToken} />
                      <button class="fr-btn fr-btn--sm" type="submit">
                        Voir<span class="fr-sr-only"> : {notification.title}</span>
                      </button>
                    </form>
                  </div>
                </div>
              </li>
            ))}
          </ul>
        )}
        <Pagination page={list.page} pageSize={list.pageSize} total={list.total} href={(target) => withQuery('/mes-notifications', query, { page: target })} />
      </div>,
    );
  }

  /** Opens the page concerned, marking the notification read on the way. */
  @Post('mes-notifications/:id/ouvrir')
  @WebPage()
  async open(@CurrentPage() context: PageContext, @Param('id', new UuidParamPipe('id')) id: string, @Res() reply: FastifyReply) {
    const notification = await this.notifications.read(context.principal, id);
    reply.redirect(notification.link, 303);
  }

  @Post('mes-notifications/tout-lu')
  @WebPage()
  async readAll(@CurrentPage() context: PageContext, @Res() reply: FastifyReply) {
    await this.notifications.readAll(context.principal);
    reply.redirect('/mes-notifications?lues=1', 303);
  }

  @Get('compte/notifications')
  @WebPage()
  async preferences(@CurrentPage() context: PageContext, @Query('fait') done: unknown) {
    const { kinds, mutedKinds } = await this.notifications.preferences(context.principal);
    return page(
      { title: 'Mes courriels de notification', context, breadcrumbs: [['Accueil', '/'], ['Mon compte', '/compte'], ['Courriels de notification']] },
      <div class="fr-grid-row">
        <div class="fr-col-12 fr-col-lg-8">
          <h1>Mes courriels de notification</h1>
          {done ? <Alert kind="success" title="Vos choix sont enregistrés" /> : null}
          {kinds.length === 0 ? (
            <p>Votre rôle ne reçoit pas de rappel automatique.</p>
          ) : (
            <form method="post" action="/compte/notifications">
              <CsrfField token={context.csrfToken} />
              <CheckboxesField
                name="recevoir"
                label="Je reçois par courriel"
                hint="Un seul courriel par jour regroupe tout ce qui vous concerne. Ce que vous décochez reste visible sous la cloche de l’application."
                options={kinds.map((kind) => [kind, NOTIFICATION_KIND_LABELS[kind]])}
                values={kinds.filter((kind) => !mutedKinds.includes(kind))}
              />
              <button class="fr-btn" type="submit">
                Enregistrer mes choix
              </button>
            </form>
          )}
        </div>
      </div>,
    );
  }

  @Post('compte/notifications')
  @WebPage()
  async savePreferences(@CurrentPage() context: PageContext, @Body() form: FormValues, @Res() reply: FastifyReply) {
    const { kinds } = await this.notifications.preferences(context.principal);
    const wanted = ([] as string[]).concat(form.recevoir ?? []).filter((kind) => (NOTIFICATION_KINDS as readonly string[]).includes(kind));
    await this.notifications.setMutedKinds(context.principal, kinds.filter((kind) => !wanted.includes(kind)));
    reply.redirect('/compte/notifications?fait=1', 303);
  }
}
