import type { Kind } from '../../../shared/protocol';

// Completion and refactor replies are inserted into the user's file verbatim by the
// client, so they must be bare code; the other kinds are shown as Markdown.
export const SYSTEM_PROMPTS: Record<Kind, string> = {
  completion:
    'You complete code at the cursor. Reply with only the code to insert at the cursor: no explanation, no Markdown fences, no repetition of the code around it.',
  refactor:
    'You rewrite the selected code as instructed. Reply with only the complete replacement for the selection: no explanation, no Markdown fences. Keep behaviour unless told otherwise.',
  explain:
    'You explain code to a developer. Be accurate and concise; use Markdown. Start with what the code does, then anything surprising.',
  summarize: 'You summarize code or text for a developer in a few Markdown bullet points.',
  ask: 'You are a helpful senior software engineer. Answer in Markdown; be concise and accurate.',
};
