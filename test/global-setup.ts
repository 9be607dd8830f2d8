// @ts-expect-error: a plain .mjs build script, no declarations
import { bundle } from '../scripts/bundle.mjs';

export default async function setup(): Promise<void> {
  await bundle();
}
