import { ArgumentsHost, Catch, ExceptionFilter, HttpException, HttpStatus, Logger } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { QueryFailedError } from 'typeorm';
import { isDatabaseUnavailable } from '../database/database-unavailable';
import { loggedUrl } from '../logging/log-serializers';
import { errorPage } from '../web/layout';
import { LoginRequiredError, PASSWORD_PAGE, PasswordChangeRequiredError, WebRequest } from '../web/web-request';
import { ConflictError, DomainError, ForbiddenError, InvalidError, NotFoundError, UnauthenticatedError } from './domain-errors';

interface ErrorBody {
  statusCode: number;
  code: string;
  message: string;
  erreurs?: { champ: string; message: string }[];
  requestId?: string;
}

const STATUS_BY_ERROR: [new (...args: never[]) => DomainError, number][] = [
  [InvalidError, HttpStatus.BAD_REQUEST],
  [UnauthenticatedError, HttpStatus.UNAUTHORIZED],
  [ForbiddenError, HttpStatus.FORBIDDEN],
  [NotFoundError, HttpStatus.NOT_FOUND],
  [ConflictError, HttpStatus.CONFLICT],
];

/** What Nest and Fastify raise themselves (unknown route, bad JSON, rate limit…), said in French. */
const HTTP_MESSAGES: Record<number, [string, string]> = {
  400: ['BAD_REQUEST', 'Requête mal formée'],
  401: ['UNAUTHENTICATED', 'Authentification requise'],
  403: ['FORBIDDEN', 'Action non autorisée pour ce compte'],
  404: ['NOT_FOUND', 'Ressource introuvable'],
  405: ['METHOD_NOT_ALLOWED', 'Méthode non autorisée'],
  409: ['CONFLICT', 'Conflit avec l’état actuel'],
  413: ['PAYLOAD_TOO_LARGE', 'Requête trop volumineuse'],
  415: ['UNSUPPORTED_MEDIA_TYPE', 'Type de contenu non pris en charge'],
  429: ['TOO_MANY_REQUESTS', 'Trop de tentatives : réessayez dans une minute'],
};

/** PostgreSQL errors that a user's input can cause: answered as such, never as a 500. */
function fromDatabase(error: QueryFailedError): ErrorBody | undefined {
  const code = (error.driverError as { code?: string } | undefined)?.code;
  if (code === '23505') return { statusCode: 409, code: 'CONFLICT', message: 'Cet enregistrement existe déjà' };
  if (code === '23503' || code === '23001') return { statusCode: 409, code: 'CONFLICT', message: 'Enregistrement lié à d’autres données' };
  if (code === '22P02' || code === '22003') return { statusCode: 400, code: 'BAD_REQUEST', message: 'Valeur invalide' };
  return undefined;
}

/** Seconds a client is asked to wait before trying again while the database is out of reach. */
const RETRY_AFTER_SECONDS = 5;

/** The one place where errors become HTTP answers. No stack trace ever reaches a client. */
@Catch()
export class AllExceptionsFilter implements ExceptionFilter {
  private readonly logger = new Logger('Errors');

  catch(exception: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const request = http.getRequest<FastifyRequest & WebRequest>();
    const response = http.getResponse<FastifyReply>();
    if (exception instanceof LoginRequiredError) return this.redirectPage(request, response, `/connexion?retour=${encodeURIComponent(exception.returnTo)}`);
    if (exception instanceof PasswordChangeRequiredError) return this.redirectPage(request, response, PASSWORD_PAGE);
    const body = this.toBody(exception);
    if (body.statusCode === 503) {
      this.logger.warn({ err: exception, path: loggedUrl(request.url) }, 'database unavailable');
      response.header('Retry-After', String(RETRY_AFTER_SECONDS));
    } else if (body.statusCode >= 500) this.logger.error({ err: exception, path: loggedUrl(request.url) }, 'request failed');
    else if (body.statusCode === 499) this.logger.log({ path: loggedUrl(request.url) }, 'client gone: its request was stopped');
    body.requestId = request.id;
    if (this.answersWithPage(request)) {
      const problems = body.erreurs?.map((problem) => `${problem.champ} : ${problem.message}`).join(' ; ');
      response.status(body.statusCode).type('text/html; charset=utf-8').send(errorPage(body.statusCode, problems ? `${body.message} — ${problems}` : body.message, request.page));
      return;
    }
    response.status(body.statusCode).send(body);
  }

  /** A web page, or a browser asking for an address that is no route: an error it reads as a page. */
  private answersWithPage(request: FastifyRequest & WebRequest): boolean {
    if (request.webPage) return true;
    return request.webPage === undefined && !request.headers.authorization && (request.headers.accept ?? '').includes('text/html');
  }

  /** A page that cannot be shown yet: the browser goes where it must first (the login page, a new password). */
  private redirectPage(request: FastifyRequest, response: FastifyReply, location: string): void {
    // htmx follows a redirect inside the fragment it asked for; it is told to reload the whole page instead.
    if (request.headers['hx-request']) response.status(401).header('HX-Redirect', location).send();
    else response.status(303).redirect(location);
  }

  private toBody(exception: unknown): ErrorBody {
    if (exception instanceof DomainError) {
      const status = STATUS_BY_ERROR.find(([type]) => exception instanceof type)?.[1] ?? 500;
      const body: ErrorBody = { statusCode: status, code: exception.code, message: exception.message };
      if (exception instanceof InvalidError) body.erreurs = exception.problems;
      return body;
    }
    if (exception instanceof HttpException) {
      const status = exception.getStatus();
      const [code, message] = HTTP_MESSAGES[status] ?? (status < 500 ? ['ERROR', 'Requête refusée'] : ['INTERNAL', 'Erreur interne']);
      return { statusCode: status, code, message };
    }
    const clientStatus = (exception as { statusCode?: unknown } | null)?.statusCode;
    if (typeof clientStatus === 'number' && clientStatus >= 400 && clientStatus < 500) {
      // Fastify's own errors (malformed JSON, body or file too large, bad multipart) carry their HTTP status.
      const [code, message] = HTTP_MESSAGES[clientStatus] ?? ['BAD_REQUEST', 'Requête mal formée'];
      return { statusCode: clientStatus, code, message };
    }
    if (exception instanceof Error && exception.name === 'AbortError') {
      // The client left before its answer (the work it asked for was stopped): nobody to answer.
      return { statusCode: 499, code: 'CLIENT_CLOSED_REQUEST', message: 'Requête abandonnée par le client' };
    }
    if (isDatabaseUnavailable(exception)) {
      return { statusCode: 503, code: 'SERVICE_UNAVAILABLE', message: 'Service momentanément indisponible : la base de données ne répond pas. Réessayez dans quelques instants.' };
    }
    if (exception instanceof QueryFailedError) {
      const mapped = fromDatabase(exception);
      if (mapped) return mapped;
    }
    return { statusCode: 500, code: 'INTERNAL', message: 'Erreur interne : l’incident est journalisé' };
  }
}
