/**
 * A response whose body the transport has already read (inside the attempt's deadline), handed on as the same
 * Response object: its body methods answer from the bytes in memory, once, as an unread body would. Not
 * `new Response(bytes, response)`: undici's Response constructor costs about a tenth of a loopback request. The
 * response is made a BufferedResponse by one prototype switch (its status, headers and other state stay its own), not
 * by defining nine properties on it, which cost a loopback request ~1.5%.
 */
const decoder = new TextDecoder();
const BUFFERED = Symbol('buffered body');

interface Buffered {
  readonly bytes: Uint8Array<ArrayBuffer>;
  used: boolean;
  stream?: ReadableStream<Uint8Array<ArrayBuffer>>;
}

/** Never constructed: the prototype a read Response is switched to. */
class BufferedResponse extends Response {
  declare [BUFFERED]: Buffered;

  override get bodyUsed(): boolean {
    return this[BUFFERED].used;
  }

  /** Created on first access, and read only when pulled: looking at `response.body` consumes nothing. */
  override get body(): ReadableStream<Uint8Array<ArrayBuffer>> {
    const response = this;
    return (this[BUFFERED].stream ??= new ReadableStream({
      pull(controller) {
        controller.enqueue(take(response).slice());
        controller.close();
      },
    }));
  }

  override async text(): Promise<string> {
    return decoder.decode(take(this));
  }
  override async json(): Promise<unknown> {
    return JSON.parse(decoder.decode(take(this)));
  }
  override async arrayBuffer(): Promise<ArrayBuffer> {
    return take(this).slice().buffer;
  }
  override async bytes(): Promise<Uint8Array<ArrayBuffer>> {
    return take(this).slice();
  }
  override async blob(): Promise<Blob> {
    return new Blob([take(this).slice()], { type: this.headers.get('content-type') ?? '' });
  }
  override formData(): Promise<FormData> {
    return new Response(take(this).slice(), this).formData();
  }
  override clone(): Response {
    if (this[BUFFERED].used) throw new TypeError('Response.clone: Body has already been consumed.');
    return withBufferedBody(new Response(null, this), this[BUFFERED].bytes);
  }

}

/** The bytes, once (a module function, so that buffered responses gain no method of their own). */
function take(response: BufferedResponse): Uint8Array<ArrayBuffer> {
  const state = response[BUFFERED];
  if (state.used) throw new TypeError('Body is unusable: Body has already been read');
  state.used = true;
  return state.bytes;
}

export function withBufferedBody(response: Response, bytes: Uint8Array<ArrayBuffer>): Response {
  (response as BufferedResponse)[BUFFERED] = { bytes, used: false };
  return Object.setPrototypeOf(response, BufferedResponse.prototype) as BufferedResponse;
}
