/**
 * Public tracking endpoints (no auth: the signed token is the credential), the targets of the links in emails:
 * - `GET /t/o/<token>.gif`: open pixel, records `Email Opened`;
 * - `GET /t/c/<token>`: records `Email Link Clicked` and redirects (302) to the URL the token was signed with;
 * - `GET /t/u/<token>`: unsubscribe confirmation page; `POST /t/u/<token>`: unsubscribes (RFC 8058 one-click).
 * A forged or altered token answers 404 and records nothing.
 */
import type { FastifyInstance, FastifyReply } from 'fastify';
import { systemClock, type Clock } from '../../clock.ts';
import type { GroupCommitter } from '../../ingest/group-commit.ts';
import type { Store } from '../../store/store.ts';
import {
  recordClick,
  recordOpen,
  resolveTrackingToken,
  unsubscribeRecipient,
  type TrackingActionContext,
} from '../../tracking/tracking-actions.ts';
import { loadTrackingSecret } from '../../tracking/tracking-secret.ts';
import {
  invalidLinkPage,
  unsubscribeConfirmationPage,
  unsubscribedPage,
} from '../../tracking/unsubscribe-page.ts';

export interface TrackingLinkRouteOptions {
  store: Store;
  committer: Pick<GroupCommitter, 'submit'>;
  clock?: Clock;
}

/** The smallest transparent GIF (1×1). */
const PIXEL_GIF = Buffer.from('R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7', 'base64');

function sendInvalidLink(reply: FastifyReply): FastifyReply {
  return reply.status(404).type('text/html; charset=utf-8').send(invalidLinkPage());
}

export function registerTrackingLinkRoutes(app: FastifyInstance, options: TrackingLinkRouteOptions): void {
  const clock = options.clock ?? systemClock;
  let secret: Promise<string> | undefined;
  async function actionContext(): Promise<TrackingActionContext> {
    secret ??= loadTrackingSecret(options.store).catch((error: unknown) => {
      secret = undefined;
      throw error;
    });
    return {
      store: options.store,
      secret: await secret,
      submit: (messages) => options.committer.submit(messages),
      now: clock.now(),
    };
  }

  // Encapsulated, so the form parser below applies to these routes only.
  void app.register(async (scope) => {
    // RFC 8058 clients POST `List-Unsubscribe=One-Click` as a form; the token alone decides, so the body is unused.
    scope.addContentTypeParser(
      ['application/x-www-form-urlencoded', 'multipart/form-data'],
      { parseAs: 'string', bodyLimit: 64 * 1024 },
      (_request, body, done) => done(null, body),
    );

    scope.get<{ Params: { file: string } }>('/t/o/:file', async (request, reply) => {
      const token = request.params.file.replace(/\.gif$/, '');
      const recorded = await recordOpen(await actionContext(), {
        token,
        userAgent: request.headers['user-agent'],
      });
      if (!recorded) return sendInvalidLink(reply);
      return reply
        .header('cache-control', 'no-store, no-cache, must-revalidate, private')
        .type('image/gif')
        .send(PIXEL_GIF);
    });

    scope.get<{ Params: { token: string } }>('/t/c/:token', async (request, reply) => {
      const target = await recordClick(await actionContext(), {
        token: request.params.token,
        userAgent: request.headers['user-agent'],
      });
      if (target === null) return sendInvalidLink(reply);
      return reply.header('cache-control', 'no-store').redirect(target, 302);
    });

    scope.get<{ Params: { token: string } }>('/t/u/:token', async (request, reply) => {
      const resolved = await resolveTrackingToken(await actionContext(), request.params.token, 'unsubscribe');
      if (!resolved) return sendInvalidLink(reply);
      return reply.type('text/html; charset=utf-8').send(
        unsubscribeConfirmationPage({
          address: resolved.message.recipient,
          actionPath: `/t/u/${request.params.token}`,
        }),
      );
    });

    scope.post<{ Params: { token: string } }>('/t/u/:token', async (request, reply) => {
      const result = await unsubscribeRecipient(await actionContext(), { token: request.params.token });
      if (!result) return sendInvalidLink(reply);
      return reply.type('text/html; charset=utf-8').send(unsubscribedPage(result.address));
    });
  });
}
