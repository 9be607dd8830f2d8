import path from 'node:path/posix';
import { asCopy, type DfInstruction, type DockerfileModel } from '../dockerfile/parse.js';
import type { RuntimeMerge, CopyRewrite } from '../plan/model.js';
import { chainMayWriteFiles } from '../plan/run-image.js';
import { mayRunAsNonRoot, sourceStageRef, stageNameFrom, stageRef } from '../plan/stage-ref.js';
import { applyEdits, type TextEdit } from '../text/edits.js';

/**
 * The merged Dockerfile: parser directives and global ARGs of every file at the top, then each builder
 * file's stages, then the runtime file with its COPYs of extracted artifacts turned into COPY --from.
 * Everything else is the original text, so comments and formatting survive.
 */
export function mergeDockerfiles(plan: RuntimeMerge): string {
  const header: string[] = [];
  const seenHeader = new Set<string>();
  const addHeader = (line: string) => {
    if (!seenHeader.has(line)) header.push(line);
    seenHeader.add(line);
  };
  const files = [...plan.builders.map((b) => b.dockerfile), plan.finalDockerfile];
  // One line per directive: the planner refused differing values, so lines differing only in spacing
  // (`#escape=`` and `# escape = ``) mean the same, and a file may hold each directive once.
  const directiveNames = new Set<string>();
  for (const df of files) {
    for (const d of df.directives) {
      if (!directiveNames.has(d.name)) addHeader(df.text.slice(d.start, d.end).trimEnd());
      directiveNames.add(d.name);
    }
  }
  const directiveCount = header.length;
  for (const df of files) {
    const renamed = argRenameEdits(df, plan.builders.find((b) => b.dockerfile === df)?.argRenames);
    for (const g of uniqueInstructions(df.globalArgs.map((x) => x.instruction))) {
      const inside = renamed.filter((e) => e.start >= g.start && e.end <= g.end).map((e) => ({ ...e, start: e.start - g.start, end: e.end - g.start }));
      addHeader(applyEdits(df.text.slice(g.start, g.end), inside).trimEnd());
    }
  }

  // The image of a `docker run` build step named through variables: the driver passes them (see RunSpec.carriedImage).
  for (const r of plan.runStages) if (!r.source.builtOn) for (const a of r.source.spec.carriedImage?.args ?? []) addHeader(`ARG ${a.name}`);

  const bodies: string[] = [];
  let stageOffset = 0;
  const taken = new Set([
    ...files.flatMap((d) => d.stages.flatMap((s) => [s.image.value.toLowerCase(), ...(s.name ? [s.name.toLowerCase()] : [])])),
    ...plan.builders.map((b) => b.stageName),
    ...plan.runStages.map((r) => r.stageName),
    ...plan.hostStages.map((h) => h.stageName),
  ]);
  for (const b of plan.builders) {
    // The stage restage names itself must not be named twice by a numbered reference to it.
    const preNamed = new Map(b.needsName ? [[b.stage.index, b.stageName] as const] : []);
    const edits = [
      ...hoistedEdits(b.dockerfile),
      ...numberedStageEdits(b.dockerfile, stageOffset, taken, preNamed),
      ...rebaseEdits(b.dockerfile, b.rebase),
      ...renameEdits(b.dockerfile, b.renames),
      ...fromArgEdits(b.dockerfile, b.argRenames),
    ];
    if (b.needsName) {
      const as = b.stage.from.keywordText === b.stage.from.keywordText.toLowerCase() ? 'as' : 'AS';
      edits.push({ start: b.stage.image.end, end: b.stage.image.end, text: ` ${as} ${b.stageName}` });
    }
    bodies.push(trimBody(applyEdits(b.dockerfile.text, edits)).trimEnd());
    stageOffset += b.dockerfile.stages.length;
  }
  for (const r of plan.runStages) bodies.push(runStageText(r, plan.final.context));
  for (const h of plan.hostStages) {
    const from = sourceStageRef(plan, h.extraction.source);
    const e = h.extraction;
    // The artifact's command runs as the image's user; chmod (of a file the user may not own) as root.
    bodies.push(
      [
        `FROM ${from} AS ${h.stageName}`,
        ...(e.stdoutCommand ? [execForm(e.stdoutCommand)] : []),
        ...(e.hostCommands.length > 0 && mayRunAsNonRoot(e.source) ? [ROOT_USER] : []),
        ...e.hostCommands.map(execForm),
      ].join('\n'),
    );
  }
  const runtime = plan.finalDockerfile;
  // An ADDed tarball artifact: unpacked in its own stage, then copied like a directory.
  const unpacked = new Map<CopyRewrite['parts'][number], string>();
  for (const r of plan.copyRewrites) {
    for (const p of r.parts) {
      if (p.kind !== 'stage' || !p.unpack) continue;
      // An image named by a path-like reference (`docker create reg/x/`) leaves no last segment to name it by.
      let name = stageNameFrom(`${stageRef(plan, p.extraction).split('/').pop()!.split(/[:@]/)[0]!}-unpacked`) ?? 'artifact-unpacked';
      for (let k = 2; taken.has(name); k++) name = `${name.replace(/-\d+$/, '')}-${k}`;
      taken.add(name);
      unpacked.set(p, name);
      bodies.push(
        [
          `FROM ${stageRef(plan, p.extraction)} AS ${name}`,
          // tar -x keeps the archive's owners only as root (as ADD does); a host stage already switched to root.
          ...(p.extraction.hostCommands.length === 0 && mayRunAsNonRoot(p.extraction.source) ? [ROOT_USER] : []),
          `RUN ["mkdir", "-p", "/restage-unpacked"]`,
          `RUN ["tar", ${JSON.stringify(p.unpack)}, ${JSON.stringify(p.path)}, "-C", "/restage-unpacked"]`,
        ].join('\n'),
      );
    }
  }
  const runtimeEdits = [
    ...hoistedEdits(runtime),
    ...numberedStageEdits(runtime, stageOffset, taken),
    ...plan.copyRewrites.map((r) => copyEdit(runtime, r, plan, unpacked)),
  ];
  bodies.push(trimBody(applyEdits(runtime.text, runtimeEdits)));

  const top =
    header.length === 0
      ? ''
      : `${header.slice(0, directiveCount).join('\n')}${directiveCount > 0 && header.length > directiveCount ? '\n' : ''}${header.slice(directiveCount).join('\n')}\n\n`;
  return top + bodies.join('\n\n');
}

/** Removes the directive and global ARG lines of a file (they move to the top of the merged file). */
function hoistedEdits(df: DockerfileModel): TextEdit[] {
  const spans = [...df.directives.map((d) => ({ start: d.start, end: d.end })), ...uniqueInstructions(df.globalArgs.map((g) => g.instruction))];
  return spans.map((s) => ({ start: df.lines.lineStart(s.start), end: df.lines.lineEndInclusive(Math.max(s.start, s.end - 1)), text: '' }));
}

function uniqueInstructions(list: DfInstruction[]): DfInstruction[] {
  return [...new Map(list.map((i) => [i.start, i])).values()];
}

function trimBody(text: string): string {
  return text.replace(/^(?:[ \t]*\r?\n)+/, '');
}

/**
 * `--from=N` counts stages from the top of the file, so stages prepended before it would shift it:
 * the stage it means gets a name (if it has none) and the reference uses it.
 */
function numberedStageEdits(df: DockerfileModel, offset: number, taken: Set<string>, named: Map<number, string> = new Map()): TextEdit[] {
  if (offset === 0) return [];
  const edits: TextEdit[] = [];
  const nameOf = (n: number): string | null => {
    const stage = df.stages[n];
    if (!stage) return null;
    if (stage.name) return stage.name;
    if (!named.has(n)) {
      let name = `stage-${n}`;
      for (let k = 2; taken.has(name); k++) name = `stage-${n}-${k}`;
      taken.add(name);
      named.set(n, name);
      const as = stage.from.keywordText === stage.from.keywordText.toLowerCase() ? 'as' : 'AS';
      edits.push({ start: stage.image.end, end: stage.image.end, text: ` ${as} ${name}` });
    }
    return named.get(n)!;
  };
  for (const s of df.stages) {
    for (const ins of s.instructions) {
      for (const f of ins.flags) {
        const text = df.text.slice(f.start, f.end);
        const m = f.name === 'from' ? /^(--from=)(\d+)$/.exec(text) : f.name === 'mount' ? /^(.*\bfrom=)(\d+)\b/.exec(text) : null;
        const name = m ? nameOf(Number(m[2])) : null;
        if (m && name) edits.push({ start: f.start + m[1]!.length, end: f.start + m[1]!.length + m[2]!.length, text: name });
      }
    }
  }
  return edits;
}

function copyEdit(df: DockerfileModel, r: CopyRewrite, plan: RuntimeMerge, unpacked: Map<CopyRewrite['parts'][number], string>): TextEdit {
  const c = r.copy;
  const unpackStage = r.parts.length === 1 ? unpacked.get(r.parts[0]!) : undefined;
  const copyKeyword = c.keywordText === c.keywordText.toLowerCase() ? 'copy' : 'COPY';
  if (unpackStage) return { start: c.start, end: c.end, text: `${copyKeyword} --from=${unpackStage} /restage-unpacked/ ${c.dest!.value}` };
  const chown = r.chownRoot ? ' --chown=0:0' : '';
  const only = r.parts[0];
  if (r.parts.length === 1 && only && only.kind === 'stage' && only.dest === null && c.sources.length === 1) {
    // One source becomes one stage path: splice, so the instruction keeps its spacing and flags. In the
    // JSON form (`COPY ["bin/app", "/app"]`) the flag goes before the list, the path inside its quotes.
    const json = df.text[c.sources[0]!.start - 1] === '"';
    const at = c.flags[0]?.start ?? (json ? df.text.lastIndexOf('[', c.sources[0]!.start) : c.sources[0]!.start);
    return {
      start: at,
      end: c.sources[0]!.end,
      text: `--from=${stageRef(plan, only.extraction)}${chown} ${df.text.slice(c.flags[0]?.start ?? at, c.sources[0]!.start)}${only.path}`.replace(/ +$/, ''),
    };
  }
  // Several sources or a split destination: one instruction per part, in the original order.
  const flags = c.flags.map((f) => df.text.slice(f.start, f.end));
  const dest = c.dest!.value;
  const lines: string[] = [];
  let pendingContext: string[] = [];
  const flushContext = () => {
    if (pendingContext.length > 0) lines.push([c.keywordText, ...flags, ...pendingContext, dest].join(' '));
    pendingContext = [];
  };
  for (const p of r.parts) {
    if (p.kind === 'context') {
      pendingContext.push(p.source);
      continue;
    }
    flushContext();
    lines.push([c.keywordText, `--from=${stageRef(plan, p.extraction)}`, ...(r.chownRoot ? ['--chown=0:0'] : []), ...flags, p.path, p.dest ?? dest].join(' '));
  }
  flushContext();
  return { start: c.start, end: c.end, text: lines.join('\n') };
}

/**
 * `docker run -v <dir>:<target> -w W -e K=V IMG cmd…` as a stage: the mounted directories copied in
 * (or created empty, as docker run creates a missing one), the environment, and the command in exec
 * form, so no shell re-splits its words.
 */
function runStageText(r: RuntimeMerge['runStages'][number], context: string): string {
  const { spec } = r.source;
  // The variant the run pulled (a stage on a builder stage is refused with --platform: plan/recognise/).
  const lines = [`FROM ${spec.platform ? `--platform=${spec.platform} ` : ''}${r.from} AS ${r.stageName}`];
  // A bind mount hides what the image has at its target (a toolchain image's COPY go.mod /src/, a
  // RUN that left /src/out): on a builder stage that copies or runs anything, the stage removes it first.
  const on = r.source.builtOn;
  if (on && chainMayWriteFiles(on.dockerfile, on.stage)) for (const m of spec.mounts) lines.push(`RUN ["rm", "-rf", ${JSON.stringify(m.target)}]`);
  if (spec.workdir) lines.push(`WORKDIR ${spec.workdir}`);
  for (const m of spec.mounts) {
    if (m.existsInRepo) lines.push(`COPY ${path.relative(context, m.hostDir) || '.'} ${m.target}`);
    else lines.push(`RUN ["mkdir", "-p", ${JSON.stringify(m.target)}]`);
  }
  if (spec.env.length > 0) lines.push(`ENV ${spec.env.map(([k, v]) => `${k}=${quoteEnvValue(v)}`).join(' ')}`);
  // The driver passes these as --build-arg (see RunSpec.carriedEnv): an ARG is in the RUN's environment.
  for (const c of spec.carriedEnv) lines.push(`ARG ${c.name}`);
  const caches = spec.caches.map((t) => `--mount=type=cache,target=${t} `).join('');
  lines.push(`RUN ${caches}[${spec.argv.map((a) => JSON.stringify(a)).join(', ')}]`);
  return lines.join('\n');
}

function quoteEnvValue(v: string): string {
  return /^[A-Za-z0-9_./:@,+=-]*$/.test(v) ? v : `"${v.replace(/[\\"$]/g, '\\$&')}"`;
}

/** COPY/ADD sources of a builder built from a sub-context, prefixed with that context's path. */
function rebaseEdits(df: DockerfileModel, rebase: string): TextEdit[] {
  if (rebase === '') return [];
  const edits: TextEdit[] = [];
  for (const s of df.stages) {
    for (const ins of s.instructions) {
      const copy = asCopy(ins, df.text);
      if (!copy || copy.flags.some((f) => f.name === 'from') || copy.unusualForm) continue;
      for (const src of copy.sources) {
        if (/^[a-z]+:\/\//.test(src.value) || src.value.startsWith('git@')) continue;
        // BuildKit keeps `../x` inside the context it was written for: clamp there before prefixing.
        const rebased = path.normalize(`${rebase}/${path.normalize(`/${src.value}`).slice(1)}`);
        edits.push({ start: src.start, end: src.end, text: rebased === '.' ? '.' : rebased.replace(/\/\.$/, '') });
      }
    }
  }
  return edits;
}

/** A renamed stage: its `AS` name, `FROM <name>` of later stages, `--from=<name>` and `--mount=…from=<name>`. */
function renameEdits(df: DockerfileModel, renames: Map<string, string>): TextEdit[] {
  if (renames.size === 0) return [];
  const edits: TextEdit[] = [];
  const seen = new Set<string>();
  for (const s of df.stages) {
    const image = s.image.value.toLowerCase();
    if (renames.has(image) && seen.has(image)) edits.push({ start: s.image.start, end: s.image.end, text: renames.get(image)! });
    const asName = s.from.args[2];
    if (s.name && asName && renames.has(s.name.toLowerCase())) edits.push({ start: asName.start, end: asName.end, text: renames.get(s.name.toLowerCase())! });
    if (s.name) seen.add(s.name.toLowerCase());
    for (const ins of s.instructions) {
      for (const f of ins.flags) {
        const text = df.text.slice(f.start, f.end);
        const m = f.name === 'from' ? /^(--from=)([^\s]+)$/.exec(text) : f.name === 'mount' ? /^(.*\bfrom=)([^,\s]+)/.exec(text) : null;
        const to = m ? renames.get(m[2]!.toLowerCase()) : undefined;
        if (m && to && seen.has(m[2]!.toLowerCase())) edits.push({ start: f.start + m[1]!.length, end: f.start + m[1]!.length + m[2]!.length, text: to });
      }
    }
  }
  return edits;
}

/** A renamed global ARG: its name in the ARG lines and every `$NAME` / `${NAME…}` in FROM lines (the only readers renaming allows). */
function argRenameEdits(df: DockerfileModel, renames: Map<string, string> | undefined): TextEdit[] {
  if (!renames || renames.size === 0) return [];
  const edits: TextEdit[] = [];
  for (const g of df.globalArgs) {
    const to = renames.get(g.name);
    if (!to) continue;
    for (const a of g.instruction.args)
      if (a.value === g.name || a.value.startsWith(`${g.name}=`)) edits.push({ start: a.start, end: a.start + g.name.length, text: to });
  }
  return [...edits, ...fromArgEdits(df, renames)];
}

function fromArgEdits(df: DockerfileModel, renames: Map<string, string>): TextEdit[] {
  const edits: TextEdit[] = [];
  for (const st of df.stages) {
    const text = df.text.slice(st.from.start, st.from.end);
    for (const m of text.matchAll(/\$(\{?)([A-Za-z_][A-Za-z0-9_]*)/g)) {
      const to = renames.get(m[2]!);
      if (to) edits.push({ start: st.from.start + m.index + 1 + m[1]!.length, end: st.from.start + m.index + 1 + m[1]!.length + m[2]!.length, text: to });
    }
  }
  return edits;
}

/** A command as an exec-form RUN: no shell between it and its words. */
function execForm(argv: string[]): string {
  return `RUN [${argv.map((a) => JSON.stringify(a)).join(', ')}]`;
}

/** A derived stage's switch to root, by number: an image need not name its root user `root`. */
const ROOT_USER = 'USER 0:0';
