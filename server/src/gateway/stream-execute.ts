// The router's call behind every streamed answer of the gateway (chat completions, the
// Responses API, Anthropic messages): text and tool-call pieces go to the face's writer as
// they arrive. What was sent cannot be taken back, so when the model streaming it breaks off
// and the router would start another model over, the call is aborted instead and ends with
// the error that broke it (also when the model that broke off was the last candidate).
import type { ExecuteParams, ExecuteResult } from '../../../shared/protocol';
import type { Router } from '../pipeline/router';
import type { ProviderError } from '../providers/errors';
import { midStreamError } from './mid-stream-error';
import { ToolCallIndexes, type IndexedToolCallDelta } from './tool-call-indexes';

/** Where a face writes the pieces of a streamed answer in its own wire format. */
export interface StreamWriter {
  /** The model whose answer is being sent, once its first piece went out. */
  readonly streamingModel: string | undefined;
  text(model: string, delta: string): void;
  toolCall(model: string, piece: IndexedToolCallDelta): void;
  /** A piece of the model's refusal: it declined to answer. */
  refusal(model: string, delta: string): void;
}

export async function executeStreaming(
  router: Router,
  params: ExecuteParams,
  abort: AbortController,
  writer: StreamWriter,
  calls = new ToolCallIndexes(),
): Promise<ExecuteResult> {
  let failedMidStream = false;
  let failure: ProviderError | undefined;
  try {
    return await router.execute(params, {
      signal: abort.signal,
      onDelta: (delta, reset, model) => {
        if (reset) {
          if (writer.streamingModel !== undefined) {
            failedMidStream = true;
            abort.abort();
          }
          return;
        }
        if (model !== undefined && delta !== '') writer.text(model, delta);
      },
      onToolCallDelta: (delta, model) => writer.toolCall(model, calls.next(delta)),
      onRefusalDelta: (delta, model) => writer.refusal(model, delta),
      onStreamFailed: (error) => {
        failure = error;
      },
    });
  } catch (error) {
    // The caller went away (the abort was not ours): the call was cancelled, nothing failed.
    const callerLeft = abort.signal.aborted && !failedMidStream;
    if (callerLeft || (!failedMidStream && failure === undefined)) throw error;
    throw midStreamError(writer.streamingModel, failure);
  }
}
