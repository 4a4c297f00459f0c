import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppError } from '../../errors.js';
import { contactSchema, seekerSchema } from '../../schemas/people.js';
import {
  contactImportBody,
  contactUpsertSchema,
  exportQuery,
  externalIdParams,
  IMPORT_BODY_LIMIT_BYTES,
  IMPORT_MAX_RECORDS,
  importResultSchema,
  seekerImportBody,
  seekerUpsertSchema,
} from '../../schemas/sync.js';
import { EXPORT_CONTENT_TYPES, exportContacts, exportFormat } from '../../services/export.js';
import { importRecords } from '../../services/import.js';
import { matchExternalId, upsertContact, upsertSeeker } from '../../services/upsert.js';
import { errorResponses } from '../responses.js';

// Keeping a CRM in sync: PUT by external id, bulk import (JSON or CSV) and the
// contacts export. Each handler is one service call (services/upsert.ts,
// import.ts, export.ts).

export const UPSERT_HEADER = 'rapport-upsert';

const upsertDescription = (kind: string) =>
  `Creates the ${kind} with this externalId, or updates it: one call, safe to repeat and to race (one record, never a duplicate). ` +
  'The body is a create body; fields left out are kept on an update (defaults on a create), null clears one. A body externalId must equal the path\'s. ' +
  `Answers 201 with the ${kind} when it was created, 200 when it was updated or already as sent, and says which in the \`Rapport-Upsert\` header ` +
  `(\`created\`, \`updated\`, \`unchanged\`). Events: \`${kind}.created\`, or \`${kind}.updated\` with \`changes\`; none when nothing changed. ` +
  'The router takes path segments of up to 100 characters (longer: 414 `uri_too_long`); import longer externalIds.';

const importDescription = (kind: string, fields: string) =>
  `Upserts up to ${IMPORT_MAX_RECORDS} ${kind}s by externalId, each as PUT /v1/${kind}s/by-external-id/{externalId} would, and answers row by row: ` +
  '`created`, `updated`, `unchanged`, or `rejected` with the code and violations a single write would answer (a later row repeating an externalId of the file: ' +
  '`external_id_taken`, rule `duplicate_in_file`). A bad row never keeps the others from being written; the same file again changes nothing and emits no events. ' +
  `Bodies: \`application/json\` \`{"records": [...]}\`, or \`text/csv\` (UTF-8, RFC 4180, optional BOM, CRLF or LF) with a header row of field names (${fields}; ` +
  'externalId required; id, createdAt and updatedAt, as the export writes them, accepted and ignored; any other column: 400 `validation_failed`). ' +
  `More than ${IMPORT_MAX_RECORDS} records: 413 \`too_many_records\`, nothing written. Bodies up to ${IMPORT_BODY_LIMIT_BYTES / 1024 / 1024} MiB. ` +
  'Idempotency-Key works as on every POST.';

function isCsv(req: FastifyRequest): boolean {
  return /^text\/csv\s*(;|$)/i.test(req.headers['content-type'] ?? '');
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

const syncRoutes: FastifyPluginAsyncZod = async (app) => {
  const write = { scope: 'write' } as const;

  for (const [kind, tag, body, view, upsert] of [
    ['seeker', 'Seekers', seekerUpsertSchema, seekerSchema, upsertSeeker],
    ['contact', 'Contacts', contactUpsertSchema, contactSchema, upsertContact],
  ] as const) {
    app.put(`/${kind}s/by-external-id/:externalId`, {
      config: write,
      schema: {
        tags: [tag],
        summary: `Create or update a ${kind} by externalId`,
        description: upsertDescription(kind),
        params: externalIdParams,
        body,
        response: { 200: view, 201: view, ...errorResponses },
      },
      handler: async (req, reply) => {
        matchExternalId(req.params.externalId, req.body.externalId, 'path');
        const { result, record } = await upsert(req.ctx, req.params.externalId, req.body);
        return reply.code(result === 'created' ? 201 : 200).header(UPSERT_HEADER, result).send(record);
      },
    });
  }

  // The imports, in a plugin of their own: text/csv is a body type here and nowhere else.
  await app.register(async (imports) => {
    imports.addContentTypeParser('text/csv', { parseAs: 'buffer', bodyLimit: IMPORT_BODY_LIMIT_BYTES }, async (req: FastifyRequest, body: Buffer) => {
      const charset = /;\s*charset\s*=\s*"?([^";\s]+)/i.exec(req.headers['content-type'] ?? '')?.[1];
      if (charset && !/^utf-?8$/i.test(charset)) {
        throw new AppError('unsupported_media_type', `CSV must be UTF-8; this one says charset=${charset}.`);
      }
      try {
        return utf8.decode(body);
      } catch {
        throw new AppError('malformed_csv', 'The CSV is not valid UTF-8: save it as "CSV UTF-8".');
      }
    });

    for (const [kind, body, fields] of [
      ['seeker', seekerImportBody, 'name, email, notes'],
      ['contact', contactImportBody, 'name, email, linkedinUrl, organization, title, field, howWeMet, introducedById, mayUseName, researchNotes, tags (separated by ;)'],
    ] as const) {
      imports.post(`/${kind}s/import`, {
        config: write,
        bodyLimit: IMPORT_BODY_LIMIT_BYTES,
        schema: {
          tags: [kind === 'seeker' ? 'Seekers' : 'Contacts'],
          summary: `Import ${kind}s (JSON or CSV)`,
          description: importDescription(kind, fields),
          consumes: ['application/json', 'text/csv'],
          body,
          response: { 200: importResultSchema, ...errorResponses },
        },
        // The body is documented above but read by the service, record by
        // record: one bad record rejects its row, not the request.
        validatorCompiler: () => (data: unknown) => ({ value: data }),
        handler: async (req) => {
          const source = isCsv(req) ? { format: 'csv' as const, text: req.body as string } : { format: 'json' as const, body: req.body };
          const { result, failures } = await importRecords(req.ctx, kind, source);
          for (const f of failures) req.log.error({ err: f.cause, row: f.row }, 'import row failed');
          return result;
        },
      });
    }
  });

  app.get('/contacts/export', {
    config: { scope: 'read' },
    schema: {
      tags: ['Contacts'],
      summary: "Export all the institution's contacts (CSV or NDJSON)",
      description:
        '`format=csv` (the default) or `format=ndjson`; without `format`, an Accept header preferring `application/x-ndjson` chooses NDJSON. Streamed in pages, ' +
        'so any number of contacts costs the same memory. CSV: a header row, then the import\'s columns (id, externalId, name, email, linkedinUrl, organization, ' +
        'title, field, howWeMet, introducedById, mayUseName, researchNotes, tags joined with ;, createdAt, updatedAt), RFC 4180 quoting, CRLF; a cell starting ' +
        "with =, +, -, @, tab or CR gets a leading ' so spreadsheets do not run it as a formula (the import takes it off again). NDJSON: one contact per line, " +
        'as GET /v1/contacts/{id} answers it. Either re-imports through POST /v1/contacts/import.',
      querystring: exportQuery,
      response: {
        200: {
          description: 'The contacts, oldest first',
          content: {
            'text/csv': { schema: z.string().meta({ description: 'A header row and one contact per row.' }) },
            'application/x-ndjson': { schema: z.string().meta({ description: 'One JSON contact per line.' }) },
          },
        },
        ...errorResponses,
      },
    },
    handler: async (req, reply) => {
      const format = exportFormat(req.query.format, req.headers.accept);
      return reply
        .type(EXPORT_CONTENT_TYPES[format])
        .header('content-disposition', `attachment; filename="contacts.${format === 'csv' ? 'csv' : 'ndjson'}"`)
        .header('cache-control', 'private, no-store')
        // A stream: fastify pipes it out as is (the type provider only knows the documented string).
        .send(exportContacts(req.ctx, format) as unknown as string);
    },
  });
};

export default syncRoutes;
