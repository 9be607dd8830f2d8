import path from 'node:path/posix';
import type { DockerfileModel, Stage } from '../dockerfile/parse.js';
import { imageKey } from '../dockerfile/image-ref.js';
import type { ImageBuild, ImageSource } from './model.js';

/**
 * Flags a `docker run` whose output is redirected or piped may have: none changes the files the
 * command reads or its output (a stage reproduces the rest of the run). Not --tty: a terminal's line
 * discipline turns each \n of the output into \r\n, so the file on the host is not the file in the image.
 */
export const STDOUT_RUN_FLAGS = new Set(['--rm', '--interactive', '--init', '--name', '--label', '--user', '--pull']);

/** The image a `docker run` starts: the driver's own builder build (its stage chain and WORKDIR), or none. */
export interface RunImage {
  builder: ImageBuild | undefined;
  df: DockerfileModel | null;
  stage: Stage | undefined;
  chain: Stage[] | null;
  workdir: string | null;
  /** The command `docker run IMG` with none of its own runs: the chain's last CMD, where restage can read it. */
  cmd: string[] | null;
}

export function runImage(builds: ImageBuild[], step: number, image: string, loadDockerfile: (rel: string, offset: number) => DockerfileModel | null): RunImage {
  const builder = [...builds].reverse().find((b) => b.step < step && b.tags.includes(imageKey(image)));
  const df = builder ? loadDockerfile(builder.dockerfile, builder.unit.start) : null;
  const stage = builder && df ? targetStage(df, builder) : undefined;
  const chain = df && stage ? stageChain(df, stage) : null;
  return { builder, df, stage, chain, workdir: chain ? chainWorkdir(chain) : null, cmd: df && chain ? chainCmd(df, chain) : null };
}

/**
 * The last CMD of the chain as an argv: the JSON form's words, or the shell form through `/bin/sh -c`
 * (Docker's default shell). Null when the chain has none (the base image's CMD, which restage cannot
 * see), a SHELL that the shell form would go through, or a CMD written over several lines or as JSON
 * that does not parse (Docker then reads it as shell form).
 */
function chainCmd(df: DockerfileModel, chain: Stage[]): string[] | null {
  const all = chain.flatMap((st) => st.instructions);
  const cmd = all.filter((ins) => ins.keyword === 'CMD').at(-1);
  if (!cmd || cmd.args.length === 0) return null;
  const raw = df.text.slice(cmd.args[0]!.start, cmd.end).trim();
  if (/\\\r?\n/.test(raw)) return null;
  if (raw.startsWith('[')) {
    try {
      const words: unknown = JSON.parse(raw);
      return Array.isArray(words) && words.length > 0 && words.every((w) => typeof w === 'string') ? words : null;
    } catch {
      return null;
    }
  }
  return all.some((ins) => ins.keyword === 'SHELL') ? null : ['/bin/sh', '-c', raw];
}

/** The stage a build makes: its --target, or the last. */
export function targetStage(df: DockerfileModel, build: ImageBuild): Stage | undefined {
  return build.target === null ? df.stages.at(-1) : df.stages.find((st) => st.name?.toLowerCase() === build.target!.toLowerCase());
}

/** Where a file read from a run's image comes from: the builder stage when the driver builds it, else the image. */
export function runImageSource(run: RunImage, ref: string): ImageSource {
  return run.builder && run.df && run.stage ? { kind: 'built', build: run.builder, dockerfile: run.df, stage: run.stage } : { kind: 'external', ref };
}

/** Whether a stage on the builder stage may have files a bind mount would hide: its chain copies or runs something. */
export function chainMayWriteFiles(df: DockerfileModel, stage: Stage): boolean {
  return stageChain(df, stage).some((st) => st.instructions.some((ins) => ins.keyword === 'COPY' || ins.keyword === 'ADD' || ins.keyword === 'RUN'));
}

/** Whether a stage or one it builds on sets a USER: what runs in a stage derived from it may not run as root. */
export function stageChainSetsUser(df: DockerfileModel, stage: Stage): boolean {
  return stageChain(df, stage).some((st) => st.instructions.some((ins) => ins.keyword === 'USER'));
}

/** Whether the image's stage chain holds the instruction (an ENTRYPOINT docker run goes through and a RUN does not; a USER). */
export function chainHas(run: RunImage, keyword: 'ENTRYPOINT' | 'USER'): boolean {
  return run.chain?.some((st) => st.instructions.some((ins) => ins.keyword === keyword)) ?? false;
}

/** The stage and the stages it builds on (`FROM <earlier stage>`), base first. */
function stageChain(df: DockerfileModel, stage: Stage): Stage[] {
  const chain: Stage[] = [];
  for (let s: Stage | undefined = stage; s && !chain.includes(s);) {
    chain.unshift(s);
    const parent = s.image.value.toLowerCase();
    const at: number = s.index;
    s = df.stages.find((p) => p.index < at && p.name?.toLowerCase() === parent);
  }
  return chain;
}

/** The WORKDIR a container of the chain's last stage starts in; null when a base image may set one. */
function chainWorkdir(chain: Stage[]): string | null {
  let dir: string | null = chain[0]!.image.value.toLowerCase() === 'scratch' ? '/' : null;
  for (const st of chain) {
    for (const ins of st.instructions) {
      if (ins.keyword !== 'WORKDIR') continue;
      const v = ins.args[0]?.value ?? '';
      if (v.includes('$')) return null;
      dir = v.startsWith('/') ? path.normalize(v) : dir === null ? null : path.normalize(`${dir}/${v}`);
    }
  }
  return dir;
}
