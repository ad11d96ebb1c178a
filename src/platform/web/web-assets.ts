import fastifyStatic from '@fastify/static';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';

/** The project's folder (the one with package.json), from the compiled code as from the sources under test. */
function projectRoot(): string {
  let folder = __dirname;
  while (!existsSync(join(folder, 'package.json'))) {
    const parent = dirname(folder);
    if (parent === folder) throw new Error(`no package.json above ${__dirname}`);
    folder = parent;
  }
  return folder;
}

/**
 * What the pages need besides themselves: the State design system and htmx from their npm packages, the service's
 * own style sheet — all served from here, never from a CDN. (Forms arrive parsed by Nest's own url-encoded parser: a repeated name, as checkboxes send, gives a list.)
 */
export async function registerWebAssets(app: NestFastifyApplication): Promise<void> {
  const cached = { maxAge: '1d', decorateReply: false, wildcard: true };
  await app.register(fastifyStatic, { root: dirname(require.resolve('@gouvfr/dsfr/dist/dsfr.min.css')), prefix: '/dsfr/', ...cached });
  await app.register(fastifyStatic, { root: [join(projectRoot(), 'src/platform/web/assets'), dirname(require.resolve('htmx.org/dist/htmx.min.js'))], prefix: '/static/', ...cached });
}
