import { describe, expect, it, vi } from 'vitest';
import { ApiClient, ApiError, buildQuery, errorMessage, fieldOf, parseError } from '../src/lib/api';

function fakeFetch(status: number, body: string) {
  return vi.fn(async (_url: RequestInfo | URL, _init?: RequestInit) => new Response(status === 204 ? null : body, { status }));
}

describe('parseError', () => {
  it('reads the documented error shape', () => {
    const e = parseError(400, '{"error":{"code":"invalid_argument","field":"properties.birthDate","message":"not a date"}}');
    expect(e).toBeInstanceOf(ApiError);
    expect(e.status).toBe(400);
    expect(e.code).toBe('invalid_argument');
    expect(e.field).toBe('properties.birthDate');
    expect(e.message).toBe('not a date');
    expect(e.lines).toEqual([]);
  });

  it('keeps the lines of a refused import', () => {
    const e = parseError(400, '{"error":{"code":"invalid_argument","field":null,"message":"2 lines could not be read","lines":["line 2: x","line 3: y"]}}');
    expect(e.field).toBeNull();
    expect(e.lines).toEqual(['line 2: x', 'line 3: y']);
  });

  it('copes with bodies that are not JSON', () => {
    const e = parseError(502, '<html>Bad gateway</html>');
    expect(e.code).toBe('internal');
    expect(e.message).toContain('502');
    expect(parseError(404, '').code).toBe('not_found');
    expect(parseError(409, '{"unexpected":true}').code).toBe('conflict');
  });
});

describe('buildQuery', () => {
  it('leaves out empty values and encodes the rest', () => {
    expect(buildQuery({ q: 'a b&c', stage: '', desk: undefined, offset: 0, limit: 25 })).toBe('?q=a+b%26c&offset=0&limit=25');
    expect(buildQuery({})).toBe('');
    expect(buildQuery(undefined)).toBe('');
  });
});

describe('ApiClient', () => {
  it('sends the CSRF token with changes but not with reads', async () => {
    const fetch = fakeFetch(200, '{"ok":true}');
    const api = new ApiClient({ fetch });
    api.setCsrfToken('tok123');
    await api.get('/cases', { limit: 5 });
    await api.post('/cases', { title: 'x' });
    await api.patch('/cases/1', { version: 1 });
    await api.put('/cases/1/shares/DE');
    await api.delete('/cases/1/shares/DE');
    const calls = fetch.mock.calls;
    expect(calls[0][0]).toBe('/api/v1/cases?limit=5');
    const headers = calls.map((c) => (c[1]!.headers as Record<string, string>)['X-CSRF-Token']);
    expect(headers).toEqual([undefined, 'tok123', 'tok123', 'tok123', 'tok123']);
    expect(calls[1][1]!.method).toBe('POST');
    expect(calls[1][1]!.body).toBe('{"title":"x"}');
    expect((calls[1][1]!.headers as Record<string, string>)['Content-Type']).toBe('application/json');
    expect(calls[1][1]!.credentials).toBe('same-origin');
  });

  it('sends no CSRF header before a token is known', async () => {
    const fetch = fakeFetch(200, '{}');
    const api = new ApiClient({ fetch });
    await api.post('/auth/login', { username: 'a', password: 'b' });
    expect((fetch.mock.calls[0][1]!.headers as Record<string, string>)['X-CSRF-Token']).toBeUndefined();
  });

  it('returns undefined for 204', async () => {
    const api = new ApiClient({ fetch: fakeFetch(204, '') });
    await expect(api.post('/auth/logout')).resolves.toBeUndefined();
  });

  it('throws ApiError with the field of a validation error', async () => {
    const api = new ApiClient({ fetch: fakeFetch(400, '{"error":{"code":"invalid_argument","field":"reference","message":"must not be empty"}}') });
    const error = await api.post('/cases', {}).catch((e) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect(fieldOf(error)).toBe('reference');
    expect(errorMessage(error)).toBe('must not be empty');
  });

  it('calls onUnauthorized on a 401, unless the call is quiet', async () => {
    const onUnauthorized = vi.fn();
    const api = new ApiClient({ fetch: fakeFetch(401, '{"error":{"code":"unauthenticated","field":null,"message":"sign in first"}}'), onUnauthorized });
    await expect(api.get('/cases')).rejects.toMatchObject({ status: 401 });
    expect(onUnauthorized).toHaveBeenCalledTimes(1);
    await expect(api.post('/auth/login', {}, { quietUnauthorized: true })).rejects.toMatchObject({ status: 401 });
    expect(onUnauthorized).toHaveBeenCalledTimes(1);
  });

  it('does not call onUnauthorized on 403 or 404', async () => {
    const onUnauthorized = vi.fn();
    const api = new ApiClient({ fetch: fakeFetch(404, '{"error":{"code":"not_found","field":null,"message":"no case"}}'), onUnauthorized });
    await expect(api.get('/cases/9')).rejects.toMatchObject({ code: 'not_found' });
    expect(onUnauthorized).not.toHaveBeenCalled();
  });

  it('turns a network failure into a readable error', async () => {
    const api = new ApiClient({
      fetch: vi.fn(async () => {
        throw new TypeError('Failed to fetch');
      }),
    });
    await expect(api.get('/cases')).rejects.toMatchObject({ code: 'network', status: 0 });
  });

  it('uploads with XMLHttpRequest, reporting progress and sending the CSRF token', async () => {
    const headers: Record<string, string> = {};
    let sent: unknown;
    let opened = '';
    const xhr = {
      upload: {} as { onprogress?: (e: Partial<ProgressEvent>) => void },
      status: 200,
      responseText: '{"created":2,"updated":0,"unchanged":0,"errors":[]}',
      withCredentials: false,
      open: (_m: string, url: string) => (opened = url),
      setRequestHeader: (k: string, v: string) => (headers[k] = v),
      send(body: unknown) {
        sent = body;
        this.upload.onprogress?.({ lengthComputable: true, loaded: 5, total: 10 });
        this.upload.onprogress?.({ lengthComputable: true, loaded: 10, total: 10 });
        (this as unknown as { onload: () => void }).onload();
      },
    };
    const api = new ApiClient({ xhr: () => xhr as unknown as XMLHttpRequest });
    api.setCsrfToken('t');
    const progress: number[] = [];
    const report = await api.upload('/cases/3/import/ftm', '{"a":1}\n', 'application/x-ndjson', { filename: 'x.jsonl' }, (p) =>
      progress.push(p.loaded),
    );
    expect(report).toEqual({ created: 2, updated: 0, unchanged: 0, errors: [] });
    expect(opened).toBe('/api/v1/cases/3/import/ftm?filename=x.jsonl');
    expect(headers['X-CSRF-Token']).toBe('t');
    expect(headers['Content-Type']).toBe('application/x-ndjson');
    expect(sent).toBe('{"a":1}\n');
    expect(progress).toEqual([5, 10]);
  });

  it('rejects an upload refused by the server with its lines, and reports a 401', async () => {
    const onUnauthorized = vi.fn();
    const make = (status: number, text: string) => () =>
      ({
        upload: {},
        status,
        responseText: text,
        open() {},
        setRequestHeader() {},
        send() {
          (this as unknown as { onload: () => void }).onload();
        },
      }) as unknown as XMLHttpRequest;
    const bad = new ApiClient({ xhr: make(400, '{"error":{"code":"invalid_argument","field":null,"message":"1 line","lines":["line 2: bad"]}}') });
    const error = (await bad.upload('/x', 'y', 'application/x-ndjson', undefined, () => {}).catch((e) => e)) as ApiError;
    expect(error.lines).toEqual(['line 2: bad']);
    const expired = new ApiClient({ xhr: make(401, '{"error":{"code":"unauthenticated","field":null,"message":"sign in"}}'), onUnauthorized });
    await expired.upload('/x', 'y', 'application/x-ndjson', undefined, () => {}).catch(() => undefined);
    expect(onUnauthorized).toHaveBeenCalledTimes(1);
  });
});

describe('fieldOf', () => {
  it('strips a prefix and ignores other fields', () => {
    const e = new ApiError(400, 'invalid_argument', 'x', 'properties.birthDate');
    expect(fieldOf(e, 'properties.')).toBe('birthDate');
    expect(fieldOf(new ApiError(400, 'invalid_argument', 'x', 'schema'), 'properties.')).toBeNull();
    expect(fieldOf(new Error('x'))).toBeNull();
  });
});
