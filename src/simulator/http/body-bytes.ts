/**
 * UTF-8 bytes for response bodies, written into reused buffers. A page of 500 v2 deals is about 1 MB; encoding
 * it with Buffer.from maps fresh memory for every response, and the page faults that follow cost as much CPU as
 * serializing the page. Large bodies are written into a buffer taken from a small free list instead and the
 * buffer goes back once the response has finished (its bytes handed to the kernel); a response that never
 * finishes (a reset connection) simply keeps its buffer, which is then garbage like any other.
 */

/** Bodies shorter than this (in UTF-16 code units) are encoded the ordinary way. */
const REUSE_FROM_BYTES = 64 * 1024;
/**
 * Free buffers kept for reuse (each up to ~3 bytes per character of the largest page, a few MB): one per
 * response in flight is all a client with a few connections needs.
 */
const MAX_FREE = 4;

export interface BodyBytes {
  bytes: Buffer;
  /** Returns the underlying buffer for reuse; call once the response has finished. */
  release(): void;
}

const noRelease = (): void => undefined;

export class BodyBuffers {
  private readonly free: Buffer[] = [];

  encode(text: string): BodyBytes {
    if (text.length < REUSE_FROM_BYTES) return { bytes: Buffer.from(text, 'utf8'), release: noRelease };
    // No UTF-16 code unit takes more than 3 UTF-8 bytes: a buffer this large always holds the whole text, which
    // spares a Buffer.byteLength pass (as slow as the encoding itself on text with any non-ASCII character).
    const buffer = this.take(text.length * 3);
    const written = buffer.write(text, 0, 'utf8');
    let released = false;
    return {
      bytes: buffer.subarray(0, written),
      release: () => {
        if (released) return;
        released = true;
        if (this.free.length < MAX_FREE) this.free.push(buffer);
      },
    };
  }

  private take(length: number): Buffer {
    const index = this.free.findIndex((buffer) => buffer.length >= length);
    if (index >= 0) return this.free.splice(index, 1)[0]!;
    // Room to grow: the next page is rarely exactly as long as this one.
    return Buffer.allocUnsafeSlow(Math.ceil((length * 1.25) / 65_536) * 65_536);
  }
}
