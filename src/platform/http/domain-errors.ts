/** A field and what is wrong with it, in French: the shape of every 400 answer. */
export interface FieldProblem {
  champ: string;
  message: string;
}

/**
 * Errors that services throw. They carry a stable code and a French message; the platform's exception filter maps
 * them to HTTP once, so services never know about HTTP.
 */
export abstract class DomainError extends Error {
  abstract readonly code: string;
}

export class NotFoundError extends DomainError {
  readonly code = 'NOT_FOUND';
  constructor(entity: string) {
    super(`${entity} introuvable`);
  }
}

export class ForbiddenError extends DomainError {
  readonly code = 'FORBIDDEN';
  constructor(message = 'Action non autorisée pour ce compte') {
    super(message);
  }
}

export class ConflictError extends DomainError {
  readonly code = 'CONFLICT';
}

export class InvalidError extends DomainError {
  readonly code = 'INVALID';
  constructor(readonly problems: FieldProblem[]) {
    super('Données invalides');
  }

  static field(champ: string, message: string): InvalidError {
    return new InvalidError([{ champ, message }]);
  }
}

export class UnauthenticatedError extends DomainError {
  readonly code = 'UNAUTHENTICATED';
  constructor(message = 'Authentification requise') {
    super(message);
  }
}
