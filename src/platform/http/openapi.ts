import { ApiProperty, ApiPropertyOptional, getSchemaPath, OpenAPIObject } from '@nestjs/swagger';

export class FieldProblemDto {
  @ApiProperty({ description: 'Le champ en cause, sous son nom dans l’API (« scope.ref », « publics[1] »)', example: 'hoursWorked' })
  champ: string;

  @ApiProperty({ description: 'Ce qui ne va pas, en français', example: 'doit être un nombre (décimales séparées par « . » ou « , »)' })
  message: string;
}

/** The one shape of every error answer of the API (an import's refusal keeps its own contract). */
export class ErrorDto {
  @ApiProperty({ type: 'integer', example: 400 })
  statusCode: number;

  @ApiProperty({ description: 'Code stable', example: 'INVALID', enum: ['INVALID', 'BAD_REQUEST', 'UNAUTHENTICATED', 'FORBIDDEN', 'NOT_FOUND', 'CONFLICT', 'PAYLOAD_TOO_LARGE', 'TOO_MANY_REQUESTS', 'SERVICE_UNAVAILABLE', 'METHOD_NOT_ALLOWED', 'UNSUPPORTED_MEDIA_TYPE', 'ERROR'] })
  code: string;

  @ApiProperty({ description: 'Message en français', example: 'Données invalides' })
  message: string;

  @ApiPropertyOptional({ type: [FieldProblemDto], description: 'Chaque champ refusé (erreurs de validation)' })
  erreurs?: FieldProblemDto[];

  @ApiProperty({ description: 'Identifiant de la requête, comme dans l’en-tête X-Request-Id et les journaux', example: '1b4e28ba-2fa1-11d2-883f-0016d3cca427' })
  requestId: string;
}

const DESCRIPTIONS: Record<string, string> = {
  400: 'Données refusées : chaque champ en cause, en français',
  401: 'Authentification requise, ou jeton invalide, expiré ou révoqué',
  403: 'Action non autorisée pour ce rôle',
  404: 'Introuvable (ou hors du périmètre du compte)',
  409: 'Conflit avec l’état actuel (déjà enregistré, lié à d’autres données…)',
  413: 'Fichier trop volumineux',
  429: 'Trop de tentatives',
  503: 'Base de données momentanément injoignable : réessayer après Retry-After secondes',
};

/**
 * Declares, on every operation, the error answers it can give, with their schema (those an operation declares itself,
 * like an import's 400, are kept): 400 where it reads input, 401 and 403 where it needs a token, 404 on a resource,
 * 409 on a write, 413 on an upload, 429 on login, 503 everywhere.
 */
export function documentErrors(document: OpenAPIObject): OpenAPIObject {
  const errorSchema = { $ref: getSchemaPath(ErrorDto) };
  for (const [path, item] of Object.entries(document.paths)) {
    for (const method of ['get', 'post', 'put', 'patch', 'delete'] as const) {
      const operation = item[method];
      if (!operation) continue;
      const codes = ['503'];
      if ((operation.parameters?.length ?? 0) > 0 || operation.requestBody) codes.push('400');
      if ((operation.security?.length ?? 0) > 0) codes.push('401', '403');
      if (path.includes('{')) codes.push('404');
      if (method !== 'get' && path !== '/auth/login') codes.push('409');
      if (JSON.stringify(operation.requestBody ?? {}).includes('multipart/form-data')) codes.push('413');
      if (path === '/auth/login') codes.push('401', '429');
      for (const code of codes) operation.responses[code] ??= { description: DESCRIPTIONS[code]! };
      // An error an operation declares itself without a body (« 409: not failed ») has the common one.
      for (const [code, response] of Object.entries(operation.responses)) {
        if (Number(code) >= 400 && response && 'description' in response) response.content ??= { 'application/json': { schema: errorSchema } };
      }
    }
  }
  return document;
}
