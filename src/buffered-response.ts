/**
 * A response whose body the transport has already read (inside the attempt's deadline), handed on as the same
 * Response object: its body methods answer from the bytes in memory, once, as an unread body would. Not
 * `new Response(bytes, response)`: undici's Response constructor costs about a tenth of a loopback request.
 */
const decoder = new TextDecoder();

export function withBufferedBody(response: Response, bytes: Uint8Array): Response {
  let used = false;
  const take = (): Uint8Array => {
    if (used) throw new TypeError('Body is unusable: Body has already been read');
    used = true;
    return bytes;
  };
  const read = <T>(convert: (b: Uint8Array) => T) => async (): Promise<T> => convert(take());
  // Created on first access, and read only when pulled: looking at `response.body` consumes nothing.
  let stream: ReadableStream<Uint8Array> | undefined;
  Object.defineProperties(response, {
    bodyUsed: { get: () => used, configurable: true },
    body: {
      get: () =>
        (stream ??= new ReadableStream<Uint8Array>({
          pull(controller) {
            controller.enqueue(take().slice());
            controller.close();
          },
        })),
      configurable: true,
    },
    text: { value: read((b) => decoder.decode(b)), configurable: true },
    json: { value: read((b): unknown => JSON.parse(decoder.decode(b))), configurable: true },
    arrayBuffer: { value: read((b) => b.slice().buffer), configurable: true },
    bytes: { value: read((b) => b.slice()), configurable: true },
    blob: { value: read((b) => new Blob([b.slice()], { type: response.headers.get('content-type') ?? '' })), configurable: true },
    formData: { value: () => new Response(take().slice(), response).formData(), configurable: true },
    clone: {
      value: (): Response => {
        if (used) throw new TypeError('Response.clone: Body has already been consumed.');
        return withBufferedBody(new Response(null, response), bytes);
      },
      configurable: true,
    },
  });
  return response;
}
