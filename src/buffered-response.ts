/**
 * A response whose body the transport has already read (inside the attempt's deadline), handed on as the same
 * Response object: its body methods answer from the bytes in memory, once, as an unread body would. Not
 * `new Response(bytes, response)`: undici's Response constructor costs about a tenth of a loopback request. The
 * methods are shared by every buffered response (they find the bytes under a symbol), so buffering one costs no
 * closures.
 */
const decoder = new TextDecoder();
const BUFFERED = Symbol('buffered body');

interface Buffered {
  readonly bytes: Uint8Array;
  used: boolean;
  stream?: ReadableStream<Uint8Array>;
}
type BufferedResponse = Response & { [BUFFERED]: Buffered };

function take(response: BufferedResponse): Uint8Array {
  const state = response[BUFFERED];
  if (state.used) throw new TypeError('Body is unusable: Body has already been read');
  state.used = true;
  return state.bytes;
}

const read = <T>(convert: (bytes: Uint8Array, response: BufferedResponse) => T): PropertyDescriptor => ({
  async value(this: BufferedResponse): Promise<T> {
    return convert(take(this), this);
  },
  configurable: true,
});

const BODY: PropertyDescriptorMap = {
  bodyUsed: {
    get(this: BufferedResponse): boolean {
      return this[BUFFERED].used;
    },
    configurable: true,
  },
  // Created on first access, and read only when pulled: looking at `response.body` consumes nothing.
  body: {
    get(this: BufferedResponse): ReadableStream<Uint8Array> {
      const response = this;
      return (response[BUFFERED].stream ??= new ReadableStream<Uint8Array>({
        pull(controller) {
          controller.enqueue(take(response).slice());
          controller.close();
        },
      }));
    },
    configurable: true,
  },
  text: read((b) => decoder.decode(b)),
  json: read((b): unknown => JSON.parse(decoder.decode(b))),
  arrayBuffer: read((b) => b.slice().buffer),
  bytes: read((b) => b.slice()),
  blob: read((b, r) => new Blob([b.slice()], { type: r.headers.get('content-type') ?? '' })),
  formData: {
    value(this: BufferedResponse): Promise<FormData> {
      return new Response(take(this).slice(), this).formData();
    },
    configurable: true,
  },
  clone: {
    value(this: BufferedResponse): Response {
      if (this[BUFFERED].used) throw new TypeError('Response.clone: Body has already been consumed.');
      return withBufferedBody(new Response(null, this), this[BUFFERED].bytes);
    },
    configurable: true,
  },
};

export function withBufferedBody(response: Response, bytes: Uint8Array): Response {
  (response as BufferedResponse)[BUFFERED] = { bytes, used: false };
  return Object.defineProperties(response, BODY);
}
