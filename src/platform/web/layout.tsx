import { Role, ROLE_LABELS } from '../auth/roles';
import { Child, documentOf, h, Html } from './jsx';
import { PageContext } from './web-request';

/** The main menu of each role: what its daily work needs, in that order. */
const MENUS: Partial<Record<Role, [string, string][]>> = {
  [Role.Facilitator]: [
    ['Tableau de bord', '/tableau-de-bord'],
    ['Marchés', '/marches'],
    ['Heures du mois', '/heures'],
    ['Déclarations', '/declarations'],
    ['Sorties', '/sorties'],
    ['Questionnaire PLIE', '/questionnaire'],
    ['Participants', '/donnees/participants'],
    ['Référentiel', '/donnees'],
    ['Imports', '/importer'],
    ['Attestations', '/attestations-realisation'],
    ['Consolidations', '/rapports'],
  ],
  [Role.Company]: [
    ['Mes marchés', '/entreprise'],
    ['Déclaration du mois', '/entreprise/declaration'],
    ['Mes heures déclarées', '/entreprise/heures'],
    ['Mes attestations', '/entreprise/attestations'],
  ],
  [Role.Buyer]: [
    ['Mes marchés', '/acheteur'],
    ['États annuels', '/acheteur/attestations'],
    ['Consolidations', '/rapports'],
  ],
  [Role.National]: [
    ['Consolidations', '/rapports'],
    ['Structures de l’année', '/national/structures'],
    ['Questionnaires PLIE', '/national/questionnaires'],
  ],
  [Role.Admin]: [
    ['Structures', '/administration/structures'],
    ['Comptes', '/administration/comptes'],
    ['Tâches planifiées', '/administration/taches'],
    ['Consolidations', '/rapports'],
  ],
};

export interface LayoutProps {
  /** The page's own title; the document's title adds the service's name. */
  title: string;
  context?: PageContext;
  breadcrumbs?: [string, string?][];
}

/** The menu entry of the page: the longest address the page's own starts with. */
function currentEntry(menu: [string, string][], path: string | undefined): string | undefined {
  const matching = menu.map(([, href]) => href).filter((href) => path === href || path?.startsWith(`${href}/`));
  return matching.sort((a, b) => b.length - a.length)[0];
}

function Header({ context }: { context?: PageContext }): Html {
  const menu = context ? (MENUS[context.principal.role] ?? []) : [];
  const current = currentEntry(menu, context?.path);
  return (
    <header role="banner" class="fr-header">
      <div class="fr-header__body">
        <div class="fr-container">
          <div class="fr-header__body-row">
            <div class="fr-header__brand fr-enlarge-link">
              <div class="fr-header__brand-top">
                <div class="fr-header__logo">
                  <p class="fr-logo">
                    République
                    <br />
                    Française
                  </p>
                </div>
                {menu.length > 0 ? (
                  <div class="fr-header__navbar">
                    <button class="fr-btn--menu fr-btn" data-fr-opened="false" aria-controls="menu-principal" aria-haspopup="menu" id="bouton-menu" title="Menu">
                      Menu
                    </button>
                  </div>
                ) : null}
              </div>
              <div class="fr-header__service">
                <a href="/" title="Accueil — Clause Tracker">
                  <p class="fr-header__service-title">Clause Tracker</p>
                </a>
                <p class="fr-header__service-tagline">Suivi des clauses sociales d’insertion</p>
              </div>
            </div>
            {context ? (
              <div class="fr-header__tools">
                <div class="fr-header__tools-links">
                  <ul class="fr-btns-group">
                    <li>
                      <NotificationBell unread={context.unreadNotifications} />
                    </li>
                    <li>
                      <a class="fr-btn fr-icon-account-circle-line" href="/compte">
                        {context.principal.email} · {ROLE_LABELS[context.principal.role]}
                      </a>
                    </li>
                    <li>
                      <form method="post" action="/deconnexion">
                        <CsrfField token={context.csrfToken} />
                        <button type="submit" class="fr-btn fr-icon-logout-box-r-line">
                          Se déconnecter
                        </button>
                      </form>
                    </li>
                  </ul>
                </div>
              </div>
            ) : null}
          </div>
        </div>
      </div>
      {menu.length > 0 ? (
        <div class="fr-header__menu fr-modal" id="menu-principal" aria-labelledby="bouton-menu">
          <div class="fr-container">
            <button class="fr-btn--close fr-btn" aria-controls="menu-principal" title="Fermer">
              Fermer
            </button>
            <div class="fr-header__menu-links"></div>
            <nav class="fr-nav" id="navigation" role="navigation" aria-label="Menu principal">
              <ul class="fr-nav__list">
                {menu.map(([label, href]) => (
                  <li class="fr-nav__item">
                    <a class="fr-nav__link" href={href} aria-current={href === current ? 'page' : undefined}>
                      {label}
                    </a>
                  </li>
                ))}
              </ul>
            </nav>
          </div>
        </div>
      ) : null}
    </header>
  );
}

/** The bell: the unread count is in the link's text, so a screen reader says it too. */
function NotificationBell({ unread }: { unread: number }): Html {
  return (
    <a class="fr-btn fr-icon-notification-3-line" href="/mes-notifications" id="cloche-notifications">
      Notifications
      {unread > 0 ? (
        <span class="ct-bell-count">
          <span aria-hidden="true">{unread > 99 ? '99+' : String(unread)}</span>
          <span class="fr-sr-only">
            {' '}: {unread} non lue{unread > 1 ? 's' : ''}
          </span>
        </span>
      ) : null}
    </a>
  );
}

function Footer(): Html {
  return (
    <footer class="fr-footer" role="contentinfo" id="pied-de-page">
      <div class="fr-container">
        <div class="fr-footer__body">
          <div class="fr-footer__brand fr-enlarge-link">
            <a href="/" title="Retour à l’accueil — Clause Tracker">
              <p class="fr-logo">
                République
                <br />
                Française
              </p>
            </a>
          </div>
          <div class="fr-footer__content">
            <p class="fr-footer__content-desc">
              Clause Tracker accompagne les facilitateurs de la clause sociale : dimensionnement des clauses, placement des participants, suivi des heures
              d’insertion et consolidation annuelle.
            </p>
          </div>
        </div>
        <div class="fr-footer__bottom">
          <ul class="fr-footer__bottom-list">
            <li class="fr-footer__bottom-item">
              <a class="fr-footer__bottom-link" href="/api/docs">
                Documentation de l’API
              </a>
            </li>
            <li class="fr-footer__bottom-item">
              <span class="fr-footer__bottom-link">Accessibilité : partiellement conforme</span>
            </li>
          </ul>
        </div>
      </div>
    </footer>
  );
}

export function Breadcrumb({ items }: { items: [string, string?][] }): Html {
  return (
    <nav role="navigation" class="fr-breadcrumb" aria-label="vous êtes ici :">
      <button class="fr-breadcrumb__button" aria-expanded="false" aria-controls="fil-ariane">
        Voir le fil d’Ariane
      </button>
      <div class="fr-collapse" id="fil-ariane">
        <ol class="fr-breadcrumb__list">
          {items.map(([label, href], index) => (
            <li>
              {href && index < items.length - 1 ? (
                <a class="fr-breadcrumb__link" href={href}>
                  {label}
                </a>
              ) : (
                <a class="fr-breadcrumb__link" aria-current="page">
                  {label}
                </a>
              )}
            </li>
          ))}
        </ol>
      </div>
    </nav>
  );
}

export function CsrfField({ token }: { token: string }): Html {
  return <input type="hidden" name="_csrf" value={token} />;
}

/** Every page: skip links, header, the page's content in `main`, footer, the design system's scripts. */
export function page({ title, context, breadcrumbs }: LayoutProps, content: Child): string {
  return documentOf(
    <html lang="fr" data-fr-scheme="system">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1, shrink-to-fit=no" />
        <title>{title} — Clause Tracker</title>
        <link rel="stylesheet" href="/dsfr/dsfr.min.css" />
        <link rel="stylesheet" href="/dsfr/utility/utility.min.css" />
        <link rel="stylesheet" href="/static/app.css" />
        <link rel="icon" href="/dsfr/favicon/favicon.svg" type="image/svg+xml" />
      </head>
      <body hx-headers={context ? JSON.stringify({ 'X-CSRF-Token': context.csrfToken }) : undefined}>
        <div class="fr-skiplinks">
          <nav role="navigation" aria-label="Accès rapide" class="fr-container">
            <ul class="fr-skiplinks__list">
              <li>
                <a class="fr-link" href="#contenu">
                  Contenu
                </a>
              </li>
              {context && MENUS[context.principal.role] ? (
                <li>
                  <a class="fr-link" href="#navigation">
                    Menu
                  </a>
                </li>
              ) : null}
              <li>
                <a class="fr-link" href="#pied-de-page">
                  Pied de page
                </a>
              </li>
            </ul>
          </nav>
        </div>
        <Header context={context} />
        <main role="main" id="contenu" class="fr-container fr-pb-6w" tabindex="-1">
          {breadcrumbs ? <Breadcrumb items={breadcrumbs} /> : <div class="fr-mt-4w"></div>}
          {content}
        </main>
        <Footer />
        <script type="module" src="/dsfr/dsfr.module.min.js"></script>
        <script nomodule src="/dsfr/dsfr.nomodule.min.js"></script>
        <script src="/static/htmx.min.js"></script>
        <script src="/static/import-progress.js" defer></script>
      </body>
    </html>,
  );
}

/** An error as a page: what happened in French, where to go; never a technical detail. */
export function errorPage(status: number, message: string, context?: PageContext): string {
  const titles: Record<number, string> = {
    400: 'Demande incorrecte',
    403: 'Accès refusé',
    404: 'Page non trouvée',
    409: 'Action impossible',
    503: 'Service momentanément indisponible',
  };
  const title = titles[status] ?? (status >= 500 ? 'Erreur inattendue' : 'Demande refusée');
  return page(
    { title, context },
    <div class="fr-my-7w fr-mt-md-12w fr-mb-md-10w">
      <h1>{title}</h1>
      <p class="fr-text--sm fr-mb-3w">Erreur {status}</p>
      <p class="fr-text--lead fr-mb-3w">{message}</p>
      <ul class="fr-btns-group fr-btns-group--inline-md">
        <li>
          <a class="fr-btn" href="/">
            Page d’accueil
          </a>
        </li>
      </ul>
    </div>,
  );
}
