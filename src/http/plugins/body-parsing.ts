// Request bodies as Recall clients send them: an empty body or `null` with `Content-Type: application/json`
// reads as `{}`; a body without a content type is JSON; form-urlencoded and multipart/form-data are accepted for
// flat bodies (fields only, as Recall's schema declares them); anything else is 415. Bodies of GET and DELETE are ignored.
import formbody from '@fastify/formbody';
import multipart from '@fastify/multipart';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { ApiError, validationError } from '../../errors.js';
import { unstorableTextErrors } from '../unstorable-text.js';

function parseJson(req: FastifyRequest, body: string): unknown {
  if (req.method === 'DELETE' || req.method === 'GET' || req.method === 'HEAD') return {};
  const text = body.trim();
  if (text === '' || text === 'null') return {};
  try {
    return JSON.parse(text);
  } catch (err) {
    throw validationError({ non_field_errors: [`JSON parse error - ${(err as Error).message}`] });
  }
}

export async function registerBodyParsing(app: FastifyInstance): Promise<void> {
  app.removeAllContentTypeParsers();
  app.addContentTypeParser(/^application\/([\w.+-]+\+)?json/i, { parseAs: 'string' }, (req, body, done) => {
    try {
      done(null, parseJson(req, body as string));
    } catch (err) {
      done(err as Error, undefined);
    }
  });
  await app.register(formbody);
  // Flat multipart bodies: fields become the body's keys; file parts are refused (no route takes a file).
  await app.register(multipart, { attachFieldsToBody: 'keyValues', limits: { files: 0, fields: 200, fieldSize: app.initialConfig.bodyLimit } });
  // No content type: JSON. Any other type: 415 (ignored on GET/DELETE, whose bodies do not matter).
  app.addContentTypeParser('*', { parseAs: 'string' }, (req, body, done) => {
    const type = req.headers['content-type'];
    if (type && !(req.method === 'DELETE' || req.method === 'GET')) {
      done(new ApiError('unsupported_media_type', `Unsupported media type "${type.split(';')[0].trim()}" in request.`), undefined);
      return;
    }
    try {
      done(null, parseJson(req, body as string));
    } catch (err) {
      done(err as Error, undefined);
    }
  });
  // A route reading `req.body` always gets an object, even for a body-less request; text the database cannot
  // store (NUL, lone surrogates) is refused here for every route rather than failing later as a 500.
  app.addHook('preValidation', async (req) => {
    if (req.body === undefined || req.body === null) req.body = {};
    const unstorable = unstorableTextErrors(req.query, req.method === 'GET' || req.method === 'DELETE' ? null : req.body);
    if (unstorable) throw validationError(unstorable);
  });
}
