import { Body, Controller, Get, Ip, Post, Query, Req, Res, UseGuards } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { ThrottlerGuard } from '@nestjs/throttler';
import type { FastifyReply } from 'fastify';
import { randomBytes } from 'node:crypto';
import { Public, Roles } from '../../platform/auth/access.decorators';
import { Role, ROLE_LABELS, ROLES } from '../../platform/auth/roles';
import { FieldProblem, InvalidError, UnauthenticatedError } from '../../platform/http/domain-errors';
import { Alert, ErrorSummary, FormButtons, TextField } from '../../platform/web/components';
import { single, submit } from '../../platform/web/forms';
import type { FormValues } from '../../platform/web/forms';
import { h } from '../../platform/web/jsx';
import { CsrfField, page } from '../../platform/web/layout';
import { cookie, CurrentPage, localPath, PASSWORD_PAGE, readCookie, WebPage } from '../../platform/web/web-request';
import type { PageContext, WebRequest } from '../../platform/web/web-request';
import { sameSecret, SESSION_COOKIE, WebSessions } from '../../platform/web/web-sessions';
import { AccountsService } from './accounts.service';
import { ChangePasswordDto, LoginDto } from './dto/account.dto';
import { attachmentLabel } from './accounts.labels';
import { validateAs } from '../../platform/http/validation.pipe';

/** Before a session exists, the login form's CSRF token is a cookie the form repeats (double submit). */
const LOGIN_CSRF_COOKIE = 'ct_login_csrf';

/** Where each role starts its day. */
const HOMES: Record<Role, string> = {
  [Role.Facilitator]: '/tableau-de-bord',
  [Role.Company]: '/entreprise',
  [Role.Buyer]: '/acheteur',
  [Role.National]: '/rapports',
  [Role.Admin]: '/administration/comptes',
};

export function homeOf(role: Role): string {
  return HOMES[role];
}

function loginPage(csrf: string, returnTo: string | undefined, values: { email?: string }, problems: { champ: string; message: string }[], notice?: string): string {
  const emailError = problems.find((problem) => problem.champ === 'email')?.message;
  const passwordError = problems.find((problem) => problem.champ === 'password')?.message;
  const refused = problems.find((problem) => problem.champ === 'connexion')?.message;
  return page(
    { title: 'Connexion' },
    <div class="fr-grid-row fr-grid-row--center">
      <div class="fr-col-12 fr-col-md-8 fr-col-lg-6">
        <h1>Connexion à Clause Tracker</h1>
        {notice ? <Alert kind="info" title={notice} /> : null}
        {refused ? (
          <Alert kind="error" title="Connexion refusée">
            <p>{refused}</p>
          </Alert>
        ) : (
          <ErrorSummary problems={problems} labels={{ email: 'Adresse e-mail', password: 'Mot de passe' }} />
        )}
        <form method="post" action={returnTo ? `/connexion?retour=${encodeURIComponent(returnTo)}` : '/connexion'}>
          <CsrfField token={csrf} />
          <fieldset class="fr-fieldset" aria-labelledby="identifiants-legende">
            <legend class="fr-fieldset__legend" id="identifiants-legende">
              Identifiants du compte
            </legend>
            <div class="fr-fieldset__element">
              <TextField name="email" label="Adresse e-mail" hint="Format attendu : nom@domaine.fr" type="email" autocomplete="username" value={values.email} error={emailError} required />
            </div>
            <div class="fr-fieldset__element">
              <TextField name="password" label="Mot de passe" type="password" autocomplete="current-password" error={passwordError} required />
            </div>
          </fieldset>
          <button class="fr-btn" type="submit">
            Se connecter
          </button>
        </form>
      </div>
    </div>,
  );
}

/** Logging in and out of the web application, and the account's own page. */
@ApiExcludeController()
@Controller()
export class AccountsPagesController {
  constructor(
    private readonly accounts: AccountsService,
    private readonly sessions: WebSessions,
  ) {}

  @Get()
  @Public()
  @WebPage()
  async home(@Req() request: WebRequest, @Res() reply: FastifyReply) {
    const session = await this.sessions.find(readCookie(request, SESSION_COOKIE));
    reply.redirect(session ? homeOf(session.principal.role) : '/connexion', 303);
  }

  @Get('connexion')
  @Public()
  @WebPage()
  loginForm(@Query('retour') returnTo: unknown, @Query('fin') ended: unknown, @Res() reply: FastifyReply) {
    const csrf = randomBytes(24).toString('base64url');
    reply.header('Set-Cookie', cookie(reply.request, LOGIN_CSRF_COOKIE, csrf));
    const notice = ended === '1' ? 'Vous êtes déconnecté.' : ended === 'partout' ? 'Vous êtes déconnecté de toutes vos sessions.' : undefined;
    reply.type('text/html; charset=utf-8').send(loginPage(csrf, localPath(returnTo), {}, [], notice));
  }

  @Post('connexion')
  @Public()
  @WebPage()
  @UseGuards(ThrottlerGuard)
  async login(@Body() form: FormValues, @Query('retour') returnTo: unknown, @Ip() ip: string, @Res() reply: FastifyReply) {
    const expected = readCookie(reply.request, LOGIN_CSRF_COOKIE);
    const csrf = randomBytes(24).toString('base64url');
    const again = (status: number, problems: { champ: string; message: string }[]) =>
      reply
        .status(status)
        .header('Set-Cookie', cookie(reply.request, LOGIN_CSRF_COOKIE, csrf))
        .type('text/html; charset=utf-8')
        .send(loginPage(csrf, localPath(returnTo), { email: single(form.email) }, problems));
    if (!expected || !sameSecret(single(form._csrf), expected)) {
      return again(403, [{ champ: 'connexion', message: 'Le formulaire a expiré : saisissez de nouveau vos identifiants.' }]);
    }
    try {
      const credentials = await validateAs(LoginDto, { email: single(form.email) ?? '', password: single(form.password) ?? '' });
      const account = await this.accounts.verifyCredentials(credentials, ip);
      const token = await this.sessions.open(account.id);
      reply.header('Set-Cookie', [cookie(reply.request, SESSION_COOKIE, token), cookie(reply.request, LOGIN_CSRF_COOKIE, '', 0)]);
      reply.redirect(localPath(returnTo) ?? homeOf(account.role), 303);
    } catch (error) {
      if (error instanceof InvalidError) return again(400, error.problems);
      if (error instanceof UnauthenticatedError) return again(401, [{ champ: 'connexion', message: `${error.message}.` }]);
      throw error;
    }
  }

  @Post('deconnexion')
  @Roles(...ROLES)
  @WebPage()
  async logout(@Req() request: WebRequest, @Res() reply: FastifyReply) {
    await this.sessions.close(readCookie(request, SESSION_COOKIE));
    reply.header('Set-Cookie', cookie(request, SESSION_COOKIE, '', 0)).redirect('/connexion?fin=1', 303);
  }

  @Get('compte')
  @Roles(...ROLES)
  @WebPage()
  async account(@CurrentPage() context: PageContext, @Query('fait') done: unknown) {
    const account = await this.accounts.me(context.principal);
    return page(
      { title: 'Mon compte', context, breadcrumbs: [['Accueil', '/'], ['Mon compte']] },
      <div>
        <h1>Mon compte</h1>
        {done === 'mot-de-passe' ? <Alert kind="success" title="Mot de passe changé : vos autres sessions sont terminées" /> : null}
        <dl>
          <dt class="fr-text--bold">Adresse e-mail</dt>
          <dd>{account.email}</dd>
          <dt class="fr-text--bold">Rôle</dt>
          <dd>{ROLE_LABELS[account.role]}</dd>
          <dt class="fr-text--bold">Rattachement</dt>
          <dd>{attachmentLabel(account)}</dd>
        </dl>
        <ul class="fr-btns-group fr-btns-group--inline-md">
          <li>
            <a class="fr-btn fr-btn--secondary" href={PASSWORD_PAGE}>
              Changer mon mot de passe
            </a>
          </li>
          <li>
            <a class="fr-btn fr-btn--secondary" href="/compte/notifications">
              Mes courriels de notification
            </a>
          </li>
          <li>
            <form method="post" action="/compte/deconnexion-partout">
              <CsrfField token={context.csrfToken} />
              <button class="fr-btn fr-btn--tertiary" type="submit">
                Me déconnecter partout
              </button>
            </form>
          </li>
        </ul>
      </div>,
    );
  }

  @Get('compte/mot-de-passe')
  @Roles(...ROLES)
  @WebPage()
  async passwordForm(@CurrentPage() context: PageContext) {
    return this.passwordPage(context, []);
  }

  /** A new password ends every other session and token of the account; this browser gets a new session. */
  @Post('compte/mot-de-passe')
  @Roles(...ROLES)
  @WebPage()
  async changePassword(@CurrentPage() context: PageContext, @Body() form: FormValues, @Req() request: WebRequest, @Res() reply: FastifyReply) {
    const outcome = await submit(ChangePasswordDto, { currentPassword: single(form.currentPassword) ?? '', newPassword: single(form.newPassword) ?? '' }, (checked) =>
      this.accounts.changeOwnPassword(context.principal, (checked as ChangePasswordDto).currentPassword, (checked as ChangePasswordDto).newPassword),
    );
    if ('problems' in outcome) return reply.status(400).type('text/html; charset=utf-8').send(this.passwordPage(context, outcome.problems));
    await this.sessions.close(readCookie(request, SESSION_COOKIE));
    const token = await this.sessions.open(context.principal.userId);
    reply.header('Set-Cookie', cookie(request, SESSION_COOKIE, token)).redirect('/compte?fait=mot-de-passe', 303);
  }

  @Post('compte/deconnexion-partout')
  @Roles(...ROLES)
  @WebPage()
  async logoutEverywhere(@CurrentPage() context: PageContext, @Req() request: WebRequest, @Res() reply: FastifyReply) {
    await this.accounts.endAllSessions(context.principal);
    reply.header('Set-Cookie', cookie(request, SESSION_COOKIE, '', 0)).redirect('/connexion?fin=partout', 303);
  }

  private passwordPage(context: PageContext, problems: FieldProblem[]): string {
    const labels = { currentPassword: 'Mot de passe actuel', newPassword: 'Nouveau mot de passe' };
    const error = (field: string) => problems.find((problem) => problem.champ === field)?.message;
    return page(
      { title: problems.length > 0 ? 'Erreur — Changer mon mot de passe' : 'Changer mon mot de passe', context, breadcrumbs: [['Accueil', '/'], ['Mon compte', '/compte'], ['Mot de passe']] },
      <div class="fr-grid-row">
        <div class="fr-col-12 fr-col-lg-8">
          <h1>Changer mon mot de passe</h1>
          {context.mustChangePassword ? (
            <Alert kind="info" title="Votre mot de passe est provisoire">
              <p>Il a été choisi par un administrateur : choisissez le vôtre pour accéder à Clause Tracker.</p>
            </Alert>
          ) : null}
          <p>
            12 caractères au moins mêlant majuscules, minuscules, chiffres et caractères spéciaux, ou 14 caractères au moins. Les autres sessions ouvertes avec ce
            compte se terminent.
          </p>
          <ErrorSummary problems={problems} labels={labels} />
          <form method="post" action={PASSWORD_PAGE}>
            <CsrfField token={context.csrfToken} />
            <TextField name="currentPassword" label={labels.currentPassword} type="password" autocomplete="current-password" error={error('currentPassword')} required />
            <TextField name="newPassword" label={labels.newPassword} type="password" autocomplete="new-password" error={error('newPassword')} required />
            <FormButtons label="Changer le mot de passe" cancel="/compte" />
          </form>
        </div>
      </div>,
    );
  }
}
