import type { FastifyInstance } from 'fastify';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import { createJsonSchemaTransform, jsonSchemaTransformObject } from 'fastify-type-provider-zod';
import { GRAPHQL_ROUTES } from '../graphql/index.js';

export const DOCS_PREFIX = '/docs';

// The document is generated from the same zod schemas that validate requests;
// openapi/openapi.json is this output, committed and checked in CI.
export async function registerOpenApi(app: FastifyInstance, version: string) {
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Rapport API',
        version,
        description:
          'Informational interviews as a validated state machine. Authenticate with `Authorization: Bearer <api key>`. ' +
          'Errors are RFC 9457 problem+json with a stable `code`.',
        license: { name: 'MIT', identifier: 'MIT' },
      },
      components: {
        securitySchemes: {
          apiKey: { type: 'http', scheme: 'bearer', description: 'An API key of your institution (rk_…).' },
          operatorToken: { type: 'http', scheme: 'bearer', description: 'The OPERATOR_TOKEN the service was started with.' },
        },
      },
      security: [{ apiKey: [] }],
    },
    transform: createJsonSchemaTransform({ skipList: [`${DOCS_PREFIX}`, `${DOCS_PREFIX}/*`, '/openapi.json', ...GRAPHQL_ROUTES] }),
    transformObject: jsonSchemaTransformObject,
  });
  await app.register(swaggerUi, { routePrefix: DOCS_PREFIX, uiConfig: { docExpansion: 'list', deepLinking: true } });
  app.get('/openapi.json', { schema: { hide: true } }, async () => app.swagger());
}
