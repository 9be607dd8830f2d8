import { flagValues, hasFlag, isLatestContainerLookup, namesContainer, type Arg, type DockerInvocation } from '../../drivers/docker-cli.js';
import { CONTAINER_ID_TOKEN, type DriverStep } from '../../drivers/steps.js';
import { withClient } from '../../text/client-names.js';

interface ContainerUse {
  step: number;
  name: string | null;
  image: Arg;
  invocation: Extract<DockerInvocation, { kind: 'create' | 'run' }>;
}

export interface ContainerCopy {
  step: number;
  inv: Extract<DockerInvocation, { kind: 'cp' }>;
  container: ContainerUse;
  /** The path in the container, as written after `name:`. */
  path: string;
}

export interface Containers {
  /** Every `docker create`/`docker run`, by step. */
  byStep: Map<number, ContainerUse>;
  /** `docker ps -lq` steps, by step: the container each finds (the last one the driver created before it). */
  lookups: Map<number, ContainerUse>;
  /** Every `docker cp` out of one of them (not into one). */
  copies: ContainerCopy[];
  /** The container a `docker cp` operand (`name:path`, `$CID:path`) written before step `before` names. */
  ref(text: string, before: number): { container: ContainerUse; path: string } | null;
}

/** The containers a driver makes and the copies out of them. */
export function findContainers(steps: DriverStep[]): Containers {
  const byStep = new Map<number, ContainerUse>();
  const lookups = new Map<number, ContainerUse>();
  const copies: ContainerCopy[] = [];
  const ref = (text: string, before: number): { container: ContainerUse; path: string } | null => {
    const token = CONTAINER_ID_TOKEN.exec(text);
    if (token && token.index === 0) {
      const c = byStep.get(Number(token[1])) ?? lookups.get(Number(token[1]));
      const rest = text.slice(token[0].length);
      if (c && rest.startsWith(':')) return { container: c, path: rest.slice(1) };
    }
    // By name, as written: a name built from a variable (`"x-$VERSION"`) may hold `/` or `:` itself.
    const candidates = [...byStep.values()].filter((c) => c.step < before && c.name !== null && c.name !== '' && text.startsWith(`${c.name}:`));
    const c = candidates.at(-1);
    return c ? { container: c, path: text.slice(c.name!.length + 1) } : null;
  };
  for (const [i, s] of steps.entries()) {
    if (s.kind !== 'docker' || !s.parsed.ok) continue;
    const inv = s.parsed.invocation;
    if (inv.kind === 'create' || inv.kind === 'run') {
      const name = flagValues(inv.flags, '--name')[0];
      byStep.set(i, { step: i, name: name?.isStatic ? name.text : (name?.text ?? null), image: inv.image, invocation: inv });
    } else if (inv.kind === 'cp') {
      const found = ref(inv.src.text, i);
      if (found && !ref(inv.dest.text, i)) copies.push({ step: i, inv, ...found });
    } else if (isLatestContainerLookup(inv)) {
      const latest = latestCreated(steps, i, byStep);
      if (latest) lookups.set(i, latest);
    }
  }
  return { byStep, lookups, copies, ref };
}

/**
 * The container `docker ps -l` finds at step `at`: the one the driver created last before it, if
 * restage can tell. A `docker run --rm` one is gone by then and passed over; a removal, or a docker
 * command or block restage did not read, may have changed which one is last: then none.
 */
function latestCreated(steps: DriverStep[], at: number, byStep: Map<number, ContainerUse>): ContainerUse | null {
  for (let j = at - 1; j >= 0; j--) {
    const s = steps[j]!;
    if (s.kind === 'opaque' && MAY_CREATE_CONTAINERS.test(s.text)) return null;
    if (s.kind !== 'docker') continue;
    if (!s.parsed.ok) return null;
    const inv = s.parsed.invocation;
    if (inv.kind === 'rm' || (inv.kind === 'other' && /^(compose|container|start|restart)$/.test(inv.subcommand))) return null;
    if (inv.kind === 'run' && hasFlag(inv.flags, '--rm')) continue;
    const c = byStep.get(j);
    if (c) return c;
  }
  return null;
}

const MAY_CREATE_CONTAINERS = withClient(String.raw`\bCLIENT\b`, 'i');

// A copy out of a container restage could not follow (unknown flags on its create, control flow)
// still makes this a builder-pattern setup: refused, not silently left half-understood.
const COPY_OUT = withClient(String.raw`\bCLIENT\s+(container\s+)?cp\s+(-\S+\s+)*["']?[^\s:"'/]+["']?:`);

/** A copy out of a container that restage could not read. */
export function hiddenCopyOut(steps: DriverStep[], containers: Containers): boolean {
  const unreadCopy = (s: DriverStep) =>
    (s.kind === 'opaque' && COPY_OUT.test(s.text)) ||
    (s.kind === 'docker' && !s.parsed.ok && s.parsed.subcommand !== '' && /^(container )?(cp|create|run)$/.test(s.parsed.subcommand));
  const unmatchedCopy = (s: DriverStep) =>
    s.kind === 'docker' &&
    s.parsed.ok &&
    s.parsed.invocation.kind === 'cp' &&
    namesContainer(s.parsed.invocation.src) &&
    !containers.copies.some((c) => c.step === steps.indexOf(s));
  return steps.some(unreadCopy) || (steps.some(unmatchedCopy) && steps.some((o) => o.kind === 'docker' && !o.parsed.ok));
}

/** Other ways a file may leave a container: run with mounts, output redirected or piped, export/save. */
export function otherWaysOut(steps: DriverStep[]): boolean {
  return steps.some(
    (s) =>
      s.kind === 'docker' &&
      s.parsed.ok &&
      (s.stdoutTo !== null ||
        s.pipeTo !== undefined ||
        s.args.some((a) => /^(-o|--output)(=|$)/.test(a.text)) ||
        (s.parsed.invocation.kind === 'run' && s.parsed.invocation.flags.some((f) => f.name === '--volume' || f.name === '--mount'))),
  );
}
