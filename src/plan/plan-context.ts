import unsupportedExtraction, { type ExtractionRefusal } from '../../rules/unsupported-extraction.js';
import dockerfileNotFound from '../../rules/dockerfile-not-found.js';
import type { MessageData, Messages, Position, Rule } from '../../rules/rule.js';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { resolveHostPath } from '../shell/host-path.js';
import type { DriverAnalysis, DriverStep } from '../drivers/steps.js';
import type { DockerfileModel } from '../dockerfile/parse.js';
import { dockerfileModel } from '../dockerfile/models.js';
import { imageKey } from '../dockerfile/image-ref.js';
import type { Extraction, ImageBuild } from './model.js';
import type { RepoView } from '../repo/view.js';
import { runImage, type RunImage } from './run-image.js';

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

/** Reports the reason a refusal chain picked (its messageId and data vary together, which `refuse` cannot type). */
export function refuseExtraction(refuse: Refuse, offset: number, why: ExtractionRefusal): void {
  refuse(unsupportedExtraction, offset, why.messageId, why.data as MessageData<string>);
}

/**
 * What a recogniser of one extraction form works with: the driver and its steps, the repository, how to
 * refuse, the builds it read, the Dockerfiles, and the extractions found so far (each recogniser adds its own).
 */
export interface PlanContext {
  driver: DriverAnalysis;
  steps: DriverStep[];
  repo: RepoView;
  refuse: Refuse;
  diagnostics: Diagnostic[];
  builds: ImageBuild[];
  extractions: Extraction[];
  loadDockerfile(rel: string, offset: number): DockerfileModel | null;
  /** The image a `docker run` at a step starts (see run-image.ts). */
  runImage(step: number, image: string): RunImage;
  /** A step that builds the image `ref` but that restage does not read as a docker build. */
  builtUnseen(ref: string): DriverStep | undefined;
  /** Whether a `mkdir` before the step makes the directory (so a fresh checkout's run has it). */
  mkdirBefore(dir: string, step: number): boolean;
}

export function planContext(driver: DriverAnalysis, repo: RepoView, diagnostics: Diagnostic[], refuse: Refuse, builds: ImageBuild[]): PlanContext {
  const steps = driver.steps;
  const dockerfiles = new Map<string, DockerfileModel | null>();
  const loadDockerfile = (rel: string, offset: number): DockerfileModel | null => {
    if (!dockerfiles.has(rel)) {
      const text = repo.readText(rel);
      dockerfiles.set(rel, text === null ? null : dockerfileModel(repo, rel, text));
      if (text === null) refuse(dockerfileNotFound, offset, { path: rel });
    }
    return dockerfiles.get(rel) ?? null;
  };
  const builtUnseen = (ref: string): DriverStep | undefined => {
    const tag = imageKey(ref).replace(/:latest$/, '');
    const words = (st: DriverStep) => (st.kind === 'opaque' ? st.text : st.args.map((a) => a.text).join(' '));
    // Control flow that builds it is refused on its own (driver-control-flow), more precisely.
    return steps.find(
      (st) =>
        st.kind !== 'opaque' &&
        !(st.kind === 'docker' && st.parsed.ok && st.parsed.invocation.kind !== 'other') &&
        /\bbuild\b/.test(words(st)) &&
        words(st).includes(tag),
    );
  };
  const mkdirBefore = (dir: string, step: number) =>
    steps.some(
      (s, i) =>
        i < step &&
        s.kind === 'host' &&
        s.args[0]?.text === 'mkdir' &&
        s.cwd !== null &&
        s.args.slice(1).some((a) => a.isStatic && !a.text.startsWith('-') && resolveHostPath(s.cwd!, a.text) === dir),
    );
  return {
    driver,
    steps,
    repo,
    refuse,
    diagnostics,
    builds,
    extractions: [],
    loadDockerfile,
    builtUnseen,
    mkdirBefore,
    runImage: (step, image) => runImage(builds, step, image, loadDockerfile),
  };
}
