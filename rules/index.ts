import type { Rule } from './rule.js';
import addExtractedArtifact from './add-extracted-artifact.js';
import artifactUsedAfterBuild from './artifact-used-after-build.js';
import buildArgConflict from './build-arg-conflict.js';
import buildContextMismatch from './build-context-mismatch.js';
import builderDockerfileKept from './builder-dockerfile-kept.js';
import builderImageUsedElsewhere from './builder-image-used-elsewhere.js';
import builderPattern from './builder-pattern.js';
import chownNonRootArtifact from './chown-non-root-artifact.js';
import continuationTrailingSpace from './continuation-trailing-space.js';
import copyFormUnsupported from './copy-form-unsupported.js';
import copySourceContainsArtifact from './copy-source-contains-artifact.js';
import cpDestinationConflict from './cp-destination-conflict.js';
import dockerfileInvalid from './dockerfile-invalid.js';
import dockerfileNotFound from './dockerfile-not-found.js';
import dockerignoreExcludesArtifact from './dockerignore-excludes-artifact.js';
import driverControlFlow from './driver-control-flow.js';
import driverParseError from './driver-parse-error.js';
import extractionNotConsumed from './extraction-not-consumed.js';
import globalArgConflict from './global-arg-conflict.js';
import imageCopiedBetweenBuilds from './image-copied-between-builds.js';
import hostStep from './host-step-between-extraction-and-build.js';
import internalError from './internal-error.js';
import ioError from './io-error.js';
import parserDirectiveConflict from './parser-directive-conflict.js';
import pathOutsideRepo from './path-outside-repo.js';
import referenceToRemovedFile from './reference-to-removed-file.js';
import referenceToRemovedImage from './reference-to-removed-image.js';
import shellParseError from './shell-parse-error.js';
import fileNotParsed from './file-not-parsed.js';
import unknownDockerFlag from './unknown-docker-flag.js';
import unresolvedValue from './unresolved-value.js';
import unsupportedDockerFlag from './unsupported-docker-flag.js';
import unsupportedExtraction from './unsupported-extraction.js';
import unrecognisedExtraction from './unrecognised-extraction.js';
import generatedDockerfile from './generated-dockerfile.js';
import unsupportedDriver from './unsupported-driver.js';
import envDefaultAssumed from './env-default-assumed.js';

/** Every rule, by id: the catalogue `restage rules` lists and `restage explain` looks up. */
export const RULES: readonly Rule[] = [
  builderPattern,
  chownNonRootArtifact,
  continuationTrailingSpace,
  builderDockerfileKept,
  addExtractedArtifact,
  artifactUsedAfterBuild,
  buildArgConflict,
  buildContextMismatch,
  builderImageUsedElsewhere,
  copyFormUnsupported,
  copySourceContainsArtifact,
  cpDestinationConflict,
  dockerfileNotFound,
  dockerignoreExcludesArtifact,
  driverControlFlow,
  driverParseError,
  extractionNotConsumed,
  globalArgConflict,
  imageCopiedBetweenBuilds,
  hostStep,
  parserDirectiveConflict,
  pathOutsideRepo,
  generatedDockerfile,
  unsupportedDriver,
  envDefaultAssumed,
  referenceToRemovedFile,
  referenceToRemovedImage,
  shellParseError,
  unknownDockerFlag,
  unresolvedValue,
  unsupportedDockerFlag,
  unsupportedExtraction,
  unrecognisedExtraction,
  internalError,
  ioError,
  fileNotParsed,
  dockerfileInvalid,
] as Rule[];

export function findRule(id: string): Rule | undefined {
  return RULES.find((r) => r.id === id);
}
