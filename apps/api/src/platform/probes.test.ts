// `isProbe` tells the probes' requests from all others, in the global hooks that skip work for them.
import Fastify, { type FastifyRequest } from 'fastify';
import { describe, expect, it } from 'vitest';
import { isProbe, probeContext } from './probes';

describe('isProbe', () => {
  it("is true for the routes of the probes' context only, in global hooks too", async () => {
    const app = Fastify();
    const seen: Record<string, boolean> = {};
    app.addHook('onRequest', (request: FastifyRequest, _reply, done) => {
      seen[request.url] = isProbe(request);
      done();
    });
    await app.register(
      probeContext(async (probes) => {
        probes.get('/healthz', async (request) => ({ probe: isProbe(request) }));
      }),
    );
    app.get('/api/v1/thing', async (request) => ({ probe: isProbe(request) }));
    await app.register(async (other) => {
      other.get('/other', async (request) => ({ probe: isProbe(request) }));
    });

    expect((await app.inject({ url: '/healthz' })).json()).toEqual({ probe: true });
    expect((await app.inject({ url: '/api/v1/thing' })).json()).toEqual({ probe: false });
    expect((await app.inject({ url: '/other' })).json()).toEqual({ probe: false });
    expect((await app.inject({ url: '/missing' })).statusCode).toBe(404);
    expect(seen).toEqual({ '/healthz': true, '/api/v1/thing': false, '/other': false, '/missing': false });
    await app.close();
  });
});
