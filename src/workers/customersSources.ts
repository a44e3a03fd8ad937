/**
 * A File as the engine's ByteSource, and the content of a .gz streamed through the platform's
 * DecompressionStream: the parts of reading a file that need the browser (or worker) platform.
 */
import { ImportFailure } from '../engine/import/failure';
import { concat, type ByteSource, type SourceChunk } from '../engine/import/source';

/** The file as the worker sees it (a File; a Blob with a name in tests). */
export type ImportFile = Blob & { readonly name: string; readonly lastModified?: number };

/** A File read in the chunks its stream gives. */
class BlobSource implements ByteSource {
  constructor(readonly blob: ImportFile) {}

  get name(): string {
    return this.blob.name;
  }
  get size(): number {
    return this.blob.size;
  }
  get contentSize(): number {
    return this.blob.size;
  }

  async head(bytes: number): Promise<Uint8Array> {
    return new Uint8Array(await this.blob.slice(0, bytes).arrayBuffer());
  }

  async *chunks(): AsyncIterable<SourceChunk> {
    const reader = this.blob.stream().getReader();
    let read = 0;
    try {
      for (;;) {
        const { done, value } = await reader.read();
        if (done) return;
        read += value.length;
        yield { data: value, read };
      }
    } finally {
      await reader.cancel().catch(() => undefined);
    }
  }

  async bytes(): Promise<Uint8Array> {
    return new Uint8Array(await this.blob.arrayBuffer());
  }
}

export function blobSource(file: ImportFile): ByteSource {
  return new BlobSource(file);
}

/** A gzip file's trailer holds the content's size modulo 2³² (RFC 1952 ISIZE). */
async function gzipContentSize(source: ByteSource): Promise<number> {
  if (!(source instanceof BlobSource) || source.size < 18) return source.size * 5;
  const tail = new DataView(await source.blob.slice(source.size - 4).arrayBuffer());
  return tail.getUint32(0, true) || source.size * 5;
}

/** The content of a .gz source, streamed through DecompressionStream; progress counts compressed bytes. */
export async function gunzip(source: ByteSource): Promise<ByteSource> {
  const contentSize = await gzipContentSize(source);
  const open = () => {
    let read = 0;
    const outer = source.chunks()[Symbol.asyncIterator]();
    const input = new ReadableStream<Uint8Array>({
      async pull(controller) {
        const next = await outer.next();
        if (next.done) controller.close();
        else {
          read = next.value.read;
          controller.enqueue(next.value.data);
        }
      },
      async cancel() {
        await outer.return?.();
      },
    });
    const reader = input.pipeThrough(new DecompressionStream('gzip') as ReadableWritablePair<Uint8Array, Uint8Array>).getReader();
    return { reader, read: () => read };
  };
  async function* chunks(): AsyncIterable<SourceChunk> {
    const { reader, read } = open();
    try {
      for (;;) {
        let next: ReadableStreamReadResult<Uint8Array>;
        try {
          next = await reader.read();
        } catch {
          throw new ImportFailure('badGzip');
        }
        if (next.done) return;
        yield { data: next.value, read: read() };
      }
    } finally {
      await reader.cancel().catch(() => undefined);
    }
  }
  const collect = async (limit: number): Promise<Uint8Array> => {
    const parts: Uint8Array[] = [];
    let total = 0;
    for await (const chunk of chunks()) {
      parts.push(chunk.data);
      total += chunk.data.length;
      if (total >= limit) break;
    }
    return concat(parts, Math.min(total, limit));
  };
  return {
    name: source.name.replace(/\.gz$/i, ''),
    size: source.size,
    contentSize,
    head: (bytes) => collect(bytes),
    chunks,
    bytes: () => collect(Infinity),
  };
}

