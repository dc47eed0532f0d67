// The chat routes (registered under /api/v1): a consultation's thread (/consultations/{id}/messages,
// /read, /thread), one message (/messages/{id}: GET, PATCH, DELETE), the caller's threads (/messages/threads) and the
// practitioner's reply promise (/me/reply-promise). Per-consultation and per-message routes are open
// to every signed-in role and answer 404 to anyone but the two participants, as for a consultation
// that does not exist.
import {
  CHAT_RULES,
  EditMessageSchema,
  MarkReadResultSchema,
  MessageListQuerySchema,
  MessagePageSchema,
  MessageSchema,
  ReplyPromiseSchema,
  SendMessageSchema,
  ThreadInfoSchema,
  ThreadListSchema,
} from '@huntzen/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { problemResponse } from '../../platform/errors';
import type { MessagesService } from './messages.service';

const tags = ['messages'];
const security = [{ bearer: [] }];
const IdParams = z.object({ id: z.uuid() });
const noThread = problemResponse('No such consultation among yours');
const noMessage = problemResponse('No such message among your threads');

/** The chat routes (under /api/v1). */
export function messagesRoutes(service: MessagesService): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/consultations/:id/messages',
      {
        config: { access: 'authenticated' },
        schema: {
          tags,
          security,
          summary: 'A page of the thread (oldest → newest within the page)',
          description:
            'Pages go back in time: pass `nextCursor` as `before` for older messages. A message whose ' +
            'ciphertext does not authenticate comes back with `content: null, contentUnreadable: true`.',
          params: IdParams,
          querystring: MessageListQuerySchema,
          response: { 200: MessagePageSchema, 404: noThread },
        },
      },
      async (request) => service.list(request.user!, request.params.id, request.query),
    );

    app.post(
      '/consultations/:id/messages',
      {
        config: { access: 'authenticated' },
        schema: {
          tags,
          security,
          summary: 'Send a message',
          description:
            `Text (at most ${CHAT_RULES.maxContentLength} characters), an attachment uploaded first ` +
            '(POST /api/v1/files, type ATTACHMENT, relatedResource consultation, relatedId this ' +
            `consultation), or both. At most ${CHAT_RULES.maxMessagesPerMinute} messages a minute. The ` +
            'recipient is notified in the app, and by e-mail (without the text) if it is still unread ' +
            `${CHAT_RULES.unreadEmailDelayMinutes} minutes later.`,
          params: IdParams,
          body: SendMessageSchema,
          response: {
            201: MessageSchema,
            400: problemResponse('VALIDATION_FAILED (empty, too long, or a file that cannot be attached)'),
            404: noThread,
            409: problemResponse(
              `THREAD_CLOSED: cancelled, or more than ${CHAT_RULES.writableDaysAfterEnd} days after the end`,
            ),
            429: problemResponse('RATE_LIMITED'),
          },
        },
      },
      async (request, reply) =>
        reply.code(201).send(await service.send(request.user!, request.params.id, request.body)),
    );

    app.post(
      '/consultations/:id/messages/read',
      {
        config: { access: 'authenticated' },
        schema: {
          tags,
          security,
          summary: 'Mark every message of the other participant read (read receipts)',
          params: IdParams,
          response: { 200: MarkReadResultSchema, 404: noThread },
        },
      },
      async (request) => service.markRead(request.user!, request.params.id),
    );

    app.get(
      '/consultations/:id/messages/thread',
      {
        config: { access: 'authenticated' },
        schema: {
          tags,
          security,
          summary: 'The header of the thread: the other participant, writable until when, reply promise',
          params: IdParams,
          response: { 200: ThreadInfoSchema, 404: noThread },
        },
      },
      async (request) => service.thread(request.user!, request.params.id),
    );

    app.get(
      '/messages/threads',
      {
        config: { access: ['EMPLOYEE', 'PRACTITIONER'] },
        schema: {
          tags,
          security,
          summary: 'My threads, newest activity first, with unread counts',
          response: { 200: ThreadListSchema },
        },
      },
      async (request) => service.threads(request.user!),
    );

    app.get(
      '/messages/:id',
      {
        config: { access: 'authenticated' },
        schema: {
          tags,
          security,
          summary: 'One message of my threads',
          description:
            'A message whose ciphertext does not authenticate (tampered, or moved from another row) ' +
            'answers 409 CONTENT_UNREADABLE, without content.',
          params: IdParams,
          response: {
            200: MessageSchema,
            404: noMessage,
            409: problemResponse('CONTENT_UNREADABLE: the stored text failed authentication'),
          },
        },
      },
      async (request) => service.get(request.user!, request.params.id),
    );

    app.patch(
      '/messages/:id',
      {
        config: { access: 'authenticated' },
        schema: {
          tags,
          security,
          summary: `Edit my message (within ${CHAT_RULES.editWindowMinutes} minutes of sending it)`,
          params: IdParams,
          body: EditMessageSchema,
          response: {
            200: MessageSchema,
            400: problemResponse('VALIDATION_FAILED'),
            403: problemResponse('FORBIDDEN: the other participant’s message'),
            404: noMessage,
            409: problemResponse('EDIT_WINDOW_CLOSED, THREAD_CLOSED, or CONFLICT (deleted)'),
          },
        },
      },
      async (request) => service.edit(request.user!, request.params.id, request.body),
    );

    app.delete(
      '/messages/:id',
      {
        config: { access: 'authenticated' },
        schema: {
          tags,
          security,
          summary: 'Delete my message (its text is wiped, its attachment no longer downloadable)',
          params: IdParams,
          response: {
            200: MessageSchema,
            403: problemResponse('FORBIDDEN: the other participant’s message'),
            404: noMessage,
          },
        },
      },
      async (request) => service.remove(request.user!, request.params.id),
    );

    app.get(
      '/me/reply-promise',
      {
        config: { access: ['PRACTITIONER'] },
        schema: {
          tags,
          security,
          summary: 'My reply promise (auto-reply / office hours shown in my threads)',
          response: { 200: ReplyPromiseSchema },
        },
      },
      async (request) => service.replyPromise(request.user!),
    );

    app.put(
      '/me/reply-promise',
      {
        config: { access: ['PRACTITIONER'] },
        schema: {
          tags,
          security,
          summary: 'Set or remove (null) my reply promise',
          body: ReplyPromiseSchema,
          response: { 200: ReplyPromiseSchema, 400: problemResponse('VALIDATION_FAILED') },
        },
      },
      async (request) => service.setReplyPromise(request.user!, request.body),
    );
  };
}
