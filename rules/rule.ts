import type { Diagnostic, Severity } from '../src/diagnostics/diagnostic.js';
import { readableRunTimeValues } from '../src/drivers/steps.js';

/** Message templates by messageId (ESLint's meta.messages); `{{name}}` is filled from the report's data. */
export type Messages = Readonly<Record<string, string>>;

/** The `{{name}}` placeholders of a template, read from its literal type so a report cannot miss one. */
type Placeholders<S extends string> = S extends `${string}{{${infer K}}}${infer Rest}` ? K | Placeholders<Rest> : never;
export type MessageData<S extends string> = { readonly [K in Placeholders<S>]: string };

export interface Position {
  file: string;
  line: number;
  col: number;
}

/**
 * A rule is one refusal or one rewrite decision with a stable id (hadolint's catalogue, ESLint's meta).
 * Each way it can be reported is a named message, so JSON and SARIF consumers (and the tests) tell the
 * reasons of one rule apart without matching prose.
 */
export interface Rule<M extends Messages = Messages> {
  id: string;
  title: string;
  severity: Severity;
  messages: M;
  /** The first message: what `restage explain` shows and what `report` uses. */
  message: string;
  /** For a rule with a single message: callers that predate messageIds stay as they were. */
  report(at: Position, data: MessageData<M[keyof M] & string>): Diagnostic;
  reportMessage<K extends keyof M & string>(at: Position, messageId: K, data: MessageData<M[K] & string>): Diagnostic;
}

export function defineRule<const M extends Messages>(meta: { id: string; title: string; severity: Severity; messages: M }): Rule<M> {
  const ids = Object.keys(meta.messages);
  if (ids.length === 0) throw new Error(`rule ${meta.id} declares no message`);
  const render = (messageId: string, at: Position, data: Readonly<Record<string, string>>): Diagnostic => {
    const template = meta.messages[messageId];
    if (template === undefined) throw new Error(`rule ${meta.id} has no message ${messageId}`);
    const message = template.replace(/\{\{(\w+)\}\}/g, (_, k: string) => (data[k] === undefined ? `{{${k}}}` : readableRunTimeValues(data[k])));
    return { ruleId: meta.id, messageId, severity: meta.severity, file: at.file, line: at.line, col: at.col, message };
  };
  return {
    ...meta,
    message: meta.messages[ids[0]!]!,
    report(at, data) {
      // With several messages, which one is meant is the caller's to say.
      if (ids.length !== 1) throw new Error(`rule ${meta.id} has several messages: report one by its messageId`);
      return render(ids[0]!, at, data as Readonly<Record<string, string>>);
    },
    reportMessage(at, messageId, data) {
      return render(messageId, at, data as Readonly<Record<string, string>>);
    },
  };
}
