import type { MessageData, Messages, Position, Rule } from '../../rules/rule.js';
import unsupportedExtraction, { type ExtractionRefusal } from '../../rules/unsupported-extraction.js';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import type { DriverStep } from '../drivers/steps.js';
import type { DockerfileModel } from '../dockerfile/parse.js';
import type { Extraction } from './model.js';
import type { RepoView } from './repo-view.js';

/** Reports a rule at an offset of the driver: by its only message, or by the messageId of one of several. */
export interface Refuse {
  <M extends Messages>(rule: Rule<M>, offset: number, data: MessageData<M[keyof M] & string>): void;
  <M extends Messages, K extends keyof M & string>(rule: Rule<M>, offset: number, messageId: K, data: MessageData<M[K] & string>): void;
}

export function refuser(diagnostics: Diagnostic[], at: (offset: number) => Position): Refuse {
  return ((rule: Rule, offset: number, idOrData: string | Readonly<Record<string, string>>, data?: Readonly<Record<string, string>>) => {
    diagnostics.push(typeof idOrData === 'string' ? rule.reportMessage(at(offset), idOrData, data ?? {}) : rule.report(at(offset), idOrData));
  }) as Refuse;
}

/**
 * What a recogniser of one extraction form works with: the driver's steps, the repository, how to
 * refuse, the Dockerfiles, and the extractions found so far.
 */
export interface PlanContext {
  steps: DriverStep[];
  repo: RepoView;
  refuse: Refuse;
  loadDockerfile(rel: string, offset: number): DockerfileModel | null;
  extractions: Extraction[];
}

/** Reports the reason a refusal chain picked (its messageId and data vary together, which `refuse` cannot type). */
export function refuseExtraction(refuse: Refuse, offset: number, why: ExtractionRefusal): void {
  refuse(unsupportedExtraction, offset, why.messageId, why.data as MessageData<string>);
}
