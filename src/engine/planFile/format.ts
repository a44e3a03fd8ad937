/**
 * The plan file `*.cmplan.json` (docs/file-formats.md#plan-file): an envelope around one plan.
 *
 *   { "app": { "name", "version" }, "formatVersion": 1, "plan": { … }, "type": "channel-mix-plan" }
 *
 * Keys are sorted at every level and the text is pretty-printed with two spaces and a final newline,
 * so a plan kept in git diffs line by line and exporting an unchanged plan twice gives the same bytes.
 *
 * There is deliberately no export time in the envelope: it would make every export of the same plan
 * differ, breaking "export → import → export is byte-identical" and filling git diffs with noise.
 * `plan.updatedAt` already says when the content last changed. The plan's `id`, `createdAt` and
 * `updatedAt` travel with it (a receiver can tell that a file is a copy of a plan it already has);
 * importing gives the plan a new id (see `asImportedPlan`) and records the file's origin in the
 * plan's `lineage`, so the plan stays recognisable as a version of the one it came from.
 */
import type { LineageEntry, Plan } from '../types';

export const PLAN_FILE_TYPE = 'channel-mix-plan';

/**
 * Raising the version requires a migration from the previous one (migrations.ts).
 *   1  the first released format
 *   2  an adjustment may target a channel role (`{ kind: 'role', role }`); a version-1 reader would
 *      refuse such a file with a schema error, so files that may hold one say they are newer
 *   3  a plan may hold monthly actuals (`actuals`) and a scenario may be actualised through a month
 *      (`actualise`); both are new optional parts, so every version-2 plan is a version-3 plan
 *   4  regions as a dimension (a channel's region weights and regional drivers, a region's season,
 *      adjustments, ranges and bounds of one region) and optimiser policies; all new optional parts
 *   5  decisions beyond the budget split: prices and promotions, channel launches and exits in
 *      scenarios, channel KPIs typed by the user, customer value per channel, saved test designs;
 *      all new optional parts
 *   6  lineage: a plan may say which plans and snapshots it descends from (`lineage`), and the
 *      envelope says which snapshot the exported plan is (`origin`), so a colleague's later file can
 *      be merged three ways; new optional parts
 */
export const CURRENT_FORMAT_VERSION = 6;

export const PLAN_FILE_EXTENSION = '.cmplan.json';

/** Who wrote a file: informational only, never used to decide how to read it. */
export interface AppInfo {
  name: string;
  version: string;
}

export interface PlanFileEnvelope {
  type: typeof PLAN_FILE_TYPE;
  formatVersion: number;
  app: AppInfo;
  plan: Plan;
  /** The snapshot the exported plan was taken from, so a colleague's later file can be merged three ways. */
  origin?: PlanFileOrigin;
  /** A signature over the file as written without this field (signed plan files). */
  signature?: PlanFileSignature;
}

/** Where an exported plan came from: the plan, the snapshot taken when it was exported, and a hash of its content. */
export type PlanFileOrigin = LineageEntry;

/**
 * An ECDSA P-256 signature with the signer's public key, so a receiver can check it and look the key
 * up (docs/file-formats.md#signed-plan-files). What is signed is the file exactly as written with this
 * block present but without its `value`, so every byte other than the signature itself — the plan, the
 * signer's name, the key — is covered. `contentHash` lets a reader tell "the plan was changed" from
 * "the signature or key was changed" when the signature does not verify.
 */
export interface PlanFileSignature {
  algorithm: 'ECDSA-P256-SHA256';
  /** Short fingerprint of the public key: first 16 hex digits (upper case) of SHA-256 of the raw point. */
  keyId: string;
  /** The display name the signer gave the key. */
  signer: string;
  /** The public key as JWK coordinates (base64url, 32 bytes each). */
  publicKey: { x: string; y: string };
  /** SHA-256 (hex, lower case) of the file as written without the signature field. */
  contentHash: string;
  /** The signature, base64url (IEEE P1363: r ‖ s, 64 bytes). */
  value: string;
}

/** The optional parts of an envelope that are not the plan. */
export type EnvelopeExtras = Pick<PlanFileEnvelope, 'origin' | 'signature'>;

/**
 * Resource limits, checked before the work they protect. Sizes are in UTF-16 code units of the text
 * (never more than the file's UTF-8 byte count, so the UI should also check `File.size` with
 * `fileSizeProblem` before reading a file at all).
 */
export interface PlanFileLimits {
  /**
   * 20 MiB. A 200-channel, 60-month plan with every cell overridden and a hundred scenarios is a few
   * megabytes pretty-printed; JSON.parse of 20 MiB takes around a tenth of a second, so the limit
   * leaves room for real plans while a 500 MB file is refused before it is read into a string.
   */
  maxChars: number;
  /**
   * 64 levels of `{`/`[`. The deepest part of a real file is about eight levels (envelope → plan →
   * scenarios → adjustment → target → ids). Checked by a linear scan before JSON.parse, so a file
   * nested a million deep never reaches a recursive parser or the recursive checks after it.
   */
  maxDepth: number;
  /**
   * 10,000 items in any one list (channels, regions, scenarios, adjustments, tiers, …). Far above
   * what the grids and charts are built for (the benchmarks use 200 channels), and small enough that
   * the validators and the formula graph stay fast on any file that passes.
   */
  maxArrayLength: number;
  /**
   * 100,000 characters in any one string: plan notes are the only long text (names are limited to
   * 200 by the plan validator); this keeps a single value from swamping a text field or a cell.
   */
  maxStringLength: number;
  /**
   * At most this many problems are returned; a file that is wrong everywhere would otherwise build a
   * list as large as the file. A final `tooManyProblems` says that more were left out.
   */
  maxProblems: number;
}

export const DEFAULT_LIMITS: Readonly<PlanFileLimits> = Object.freeze({
  maxChars: 20 * 1024 * 1024,
  maxDepth: 64,
  maxArrayLength: 10_000,
  maxStringLength: 100_000,
  maxProblems: 200,
});

/**
 * Keys that could reach an object's prototype if an object were ever built by assigning them. They
 * are never part of a plan: files that contain them have them dropped with a warning.
 */
export const FORBIDDEN_KEYS: ReadonlySet<string> = new Set(['__proto__', 'constructor', 'prototype']);
