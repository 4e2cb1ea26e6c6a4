// A MessageReader over a byte stream (stdin) that uses the strict FrameParser and reports
// a bad frame, or a frame left half-sent, through onError instead of going quiet.
import { AbstractMessageReader, type DataCallback, type Disposable, type MessageReader } from 'vscode-languageserver/node';
import type { Message } from 'vscode-languageserver/node';
import { FrameParser, FramingError } from './frame-parser';

/** A local editor writes a message in one go; a frame still incomplete after this is a broken writer. */
export const PARTIAL_FRAME_TIMEOUT_MS = 10_000;
/**
 * Replies written and not yet read by the client past which its requests are read no further
 * until it catches up: a client that sent 20,000 requests without reading a reply grew the
 * server by 140 MB of waiting replies, without bound.
 */
export const MAX_UNREAD_REPLY_BYTES = 4 * 1024 * 1024;

/** Where replies go: its backlog decides whether to read on. */
export interface ReplyOutput {
  readonly writableLength: number;
  once(event: 'drain', listener: () => void): unknown;
}

export class StrictStreamReader extends AbstractMessageReader implements MessageReader {
  private readonly parser = new FrameParser();
  private stalled: NodeJS.Timeout | undefined;
  private failed = false;

  constructor(
    private readonly input: NodeJS.ReadableStream,
    private readonly partialTimeoutMs = PARTIAL_FRAME_TIMEOUT_MS,
    /** The replies' stream (stdout): reading pauses while too much of it waits for the client. */
    private readonly output?: ReplyOutput,
    private readonly maxUnreadReplyBytes = MAX_UNREAD_REPLY_BYTES,
  ) {
    super();
  }

  listen(callback: DataCallback): Disposable {
    const onData = (bytes: Buffer) => this.onData(bytes, callback);
    const onError = (error: Error) => this.fireError(error);
    const onClose = () => this.fireClose();
    this.input.on('data', onData);
    this.input.on('error', onError);
    this.input.on('close', onClose);
    this.input.on('end', onClose);
    return {
      dispose: () => {
        clearTimeout(this.stalled);
        this.input.off('data', onData);
        this.input.off('error', onError);
        this.input.off('close', onClose);
        this.input.off('end', onClose);
      },
    };
  }

  private onData(bytes: Buffer, callback: DataCallback): void {
    if (this.failed) return; // after one bad frame nothing later can be trusted to line up
    clearTimeout(this.stalled);
    let messages: object[];
    try {
      messages = this.parser.push(bytes);
    } catch (error) {
      return this.fail(error as Error);
    }
    for (const message of messages) callback(message as Message);
    if (this.output && this.output.writableLength > this.maxUnreadReplyBytes) {
      // Backpressure: the client reads its replies before more of its requests are read.
      // (A frame left half-read meanwhile is the pause's doing, not the writer's: no timer.)
      this.input.pause();
      this.output.once('drain', () => {
        this.input.resume();
        this.watchPartialFrame();
      });
      return;
    }
    this.watchPartialFrame();
  }

  /** A frame still incomplete after the timeout is a broken writer. */
  private watchPartialFrame(): void {
    if (!this.failed && this.parser.midFrame) {
      this.stalled = setTimeout(
        () => this.fail(new FramingError(`a message stayed incomplete for ${this.partialTimeoutMs} ms (Content-Length larger than the body?)`)),
        this.partialTimeoutMs,
      );
      this.stalled.unref();
    }
  }

  private fail(error: Error): void {
    this.failed = true;
    clearTimeout(this.stalled);
    this.fireError(error);
  }
}
