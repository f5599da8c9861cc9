import * as core from '@actions/core'
import { existsSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { InputError } from '../errors.js'
import { nameOrigin } from '../http/network-hint.js'
import { registerSecret } from '../secrets.js'
import { INPUT_DEFAULTS } from './inputs.js'

/** Typed access to the action's inputs; every problem becomes an InputError naming the input. */
export function optional(name: string): string | undefined {
  const value = core.getInput(name)
  return value === '' ? undefined : value
}

/** An input exactly as given, for text whose indentation and final newline belong to it (YAML). */
export function verbatim(name: string): string | undefined {
  const value = core.getInput(name, { trimWhitespace: false })
  return value.trim() === '' ? undefined : value
}

/**
 * The text of a file an input names by its path in the workspace (relative paths from
 * GITHUB_WORKSPACE, as the runner checks the repository out there).
 */
export function workspaceFile(name: string, fileName: string): string {
  const file = path.resolve(process.env.GITHUB_WORKSPACE ?? process.cwd(), fileName)
  if (!existsSync(file)) {
    throw new InputError(
      name,
      `names the file '${fileName}', which does not exist in the workspace (${file}). Check the path, and that an actions/checkout step runs before this one.`
    )
  }
  return readFileSync(file, 'utf8')
}

export function required(name: string, what: string): string {
  const value = optional(name)
  if (value === undefined) throw new InputError(name, `is required: ${what}.`)
  return value
}

/** The value, else the default stated in action.yml's description (kept in INPUT_DEFAULTS). */
function orDefault(name: string): string {
  const value = optional(name) ?? INPUT_DEFAULTS[name]
  if (value === undefined) throw new Error(`Input '${name}' has no default in INPUT_DEFAULTS`)
  return value
}

/** Reads a credential and masks it before anything else can print it. */
export function secret(name: string): string | undefined {
  const value = optional(name)
  if (value !== undefined) registerSecret(value)
  return value
}

/**
 * An empty credential is most often a secret that does not exist where the workflow runs: an
 * unset `${{ secrets.X }}` reads as empty, and so does every secret in a pull request from a fork.
 */
export const EMPTY_SECRET_ADVICE =
  'An empty value usually means the secret it comes from is not set for this repository (or its environment or organization), ' +
  'or the workflow runs for a pull request from a fork, which gets no secrets.'

export function requiredSecret(name: string, what: string): string {
  const value = secret(name)
  if (value === undefined) throw new InputError(name, `is required: ${what}. ${EMPTY_SECRET_ADVICE}`)
  return value
}

/** Exactly what @actions/core's getBooleanInput accepts (the YAML 1.2 core schema), and nothing else. */
const TRUE_WORDS = ['true', 'True', 'TRUE']
const FALSE_WORDS = ['false', 'False', 'FALSE']

/** `fallback` is for an input whose default depends on the operation (stated in its description). */
export function boolean(name: string, fallback?: boolean): boolean {
  const given = optional(name)
  if (given === undefined && fallback !== undefined) return fallback
  const value = given ?? orDefault(name)
  if (TRUE_WORDS.includes(value)) return true
  if (FALSE_WORDS.includes(value)) return false
  throw new InputError(name, `must be true or false (as GitHub reads booleans: ${[...TRUE_WORDS, ...FALSE_WORDS].join(', ')}); got '${value}'.`)
}

const DURATION_UNITS_MS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 }
const DURATION_UNIT_WORDS: Record<string, string> = {
  ms: 'ms',
  millisecond: 'ms',
  milliseconds: 'ms',
  s: 's',
  sec: 's',
  secs: 's',
  second: 's',
  seconds: 's',
  m: 'm',
  min: 'm',
  mins: 'm',
  minute: 'm',
  minutes: 'm',
  h: 'h',
  hr: 'h',
  hrs: 'h',
  hour: 'h',
  hours: 'h',
  d: 'd',
  day: 'd',
  days: 'd'
}

/**
 * Milliseconds of a duration as people type it: `90s`, `15m`, `45min`, `1h30m`, `1h 30m`,
 * `2 hours`, `1.5h`, `500ms`, or a plain (possibly fractional) number of seconds. NaN otherwise.
 */
export function parseDuration(text: string): number {
  const trimmed = text.trim().toLowerCase()
  if (/^\d+(?:\.\d+)?$/.test(trimmed)) return Number(trimmed) * 1000
  const parts = [...trimmed.matchAll(/(\d+(?:\.\d+)?)\s*([a-z]+)[\s,]*/g)]
  if (parts.length === 0 || parts.map(part => part[0]).join('') !== trimmed) return NaN
  let ms = 0
  for (const [, amount, word] of parts) {
    const unit = DURATION_UNIT_WORDS[word]
    if (unit === undefined) return NaN
    ms += Number(amount) * DURATION_UNITS_MS[unit]
  }
  return ms
}

export function duration(name: string): number {
  const text = orDefault(name)
  const ms = parseDuration(text)
  if (!(ms > 0)) throw new InputError(name, `must be a duration such as 90s, 15m, 45min, 1h30m, 2 hours or a number of seconds; got '${text}'.`)
  return ms
}

const SIZE_UNITS: Record<string, number> = { '': 1, k: 1024, m: 1024 ** 2, g: 1024 ** 3, t: 1024 ** 4 }

/** `500MiB`, `10GiB`, `2g`, or plain bytes. */
export function size(name: string): number {
  const text = orDefault(name)
  const match = /^(\d+(?:\.\d+)?)\s*(?:([kmgt])(?:i?b)?|b)?$/i.exec(text)
  const bytes = match ? Math.floor(Number(match[1]) * SIZE_UNITS[(match[2] ?? '').toLowerCase()]) : NaN
  if (!(bytes > 0)) throw new InputError(name, `must be a size such as 500MiB, 10GiB or a number of bytes; got '${text}'.`)
  return bytes
}

/** A whole number from 0 to `max`, for counts where 0 turns something off. */
export function wholeNumber(name: string, max: number): number {
  const text = orDefault(name)
  if (!/^\d+$/.test(text) || Number(text) > max) throw new InputError(name, `must be a whole number from 0 to ${max}; got '${text}'.`)
  return Number(text)
}

export function positiveInteger(name: string): number {
  const text = orDefault(name)
  if (!/^[1-9]\d*$/.test(text)) throw new InputError(name, `must be a positive whole number; got '${text}'.`)
  return Number(text)
}

/**
 * `http://` or `https://` base URL; any path is kept (vanity and self-hosted URLs). A path that
 * ends in one of the service's API paths (`apiPath`, matched at the end) is refused with the URL
 * the user meant: the action adds the API path itself.
 */
export function baseUrl(name: string, service: string, apiPath: RegExp): URL {
  const text = orDefault(name)
  let url: URL | undefined
  try {
    url = new URL(text)
  } catch {
    url = undefined
  }
  if (!url || (url.protocol !== 'https:' && url.protocol !== 'http:') || url.search || url.hash || url.username || url.password) {
    throw new InputError(
      name,
      `must be an https:// or http:// URL without query, fragment (#...) or credentials, such as ${INPUT_DEFAULTS[name]}; got '${text}'.`
    )
  }
  const api = apiPath.exec(url.pathname.replace(/\/+$/, ''))
  if (api) {
    const base = `${url.origin}${url.pathname.slice(0, api.index).replace(/\/+$/, '')}`
    throw new InputError(name, `must be the ${service} base URL, without '${api[0]}' (the action adds the API path itself); got '${text}'. Use '${base}'.`)
  }
  nameOrigin(url, name)
  return url
}

/** A comma- or newline-separated list, empty items dropped. */
export function list(name: string): string[] {
  return (optional(name) ?? '')
    .split(/[,\n]/)
    .map(item => item.trim())
    .filter(item => item !== '')
}

/** Two inputs of which exactly one must be given; returns which and its value. */
export function exactlyOne<A extends string, B extends string>(first: A, second: B, what: string): { input: A; value: string } | { input: B; value: string } {
  const a = optional(first)
  const b = optional(second)
  if (a !== undefined && b !== undefined) throw new InputError(first, `and '${second}' are both set; give only one (${what}).`)
  if (a !== undefined) return { input: first, value: a }
  if (b !== undefined) return { input: second, value: b }
  throw new InputError(first, `or '${second}' is required: ${what}.`)
}

/**
 * Refuses an identifier that would change the request's path: `.` and `..` (URLs are normalised,
 * so `/projects/..` is another endpoint) in any identifier, and `/` in one that cannot hold it.
 * GitLab project paths and refs hold slashes; there only whole `.`/`..` parts are refused.
 */
export function checkIdentifier(name: string, value: string, options: { slashes?: boolean } = {}): string {
  const parts = options.slashes ? value.split('/') : [value]
  if (parts.some(part => part === '.' || part === '..')) {
    throw new InputError(name, `must be an identifier, not '.' or '..'${options.slashes ? ' (nor hold them between slashes)' : ''}; got '${value}'.`)
  }
  if (!options.slashes && value.includes('/')) {
    throw new InputError(name, `must be an identifier without '/'; got '${value}'.`)
  }
  return value
}

/** A required identifier, checked with checkIdentifier. */
export function identifier(name: string, what: string, options: { slashes?: boolean } = {}): string {
  return checkIdentifier(name, required(name, what), options)
}

/** The candidate closest to a mistyped value, when it is close enough to be what was meant. */
export function closest(value: string, candidates: readonly string[]): string | undefined {
  const typed = value.toLowerCase()
  let best: { candidate: string; distance: number } | undefined
  for (const candidate of candidates) {
    const distance = editDistance(typed, candidate.toLowerCase())
    if (!best || distance < best.distance) best = { candidate, distance }
  }
  const tolerance = Math.max(2, Math.floor(value.length / 3))
  return best && best.distance <= tolerance ? best.candidate : undefined
}

/** " Did you mean 'x'?" when one candidate is close, else ''. */
export function didYouMean(value: string, candidates: readonly string[]): string {
  const match = closest(value, candidates)
  return match ? ` Did you mean '${match}'?` : ''
}

function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, index) => index)
  for (let i = 1; i <= a.length; i++) {
    const current = [i]
    for (let j = 1; j <= b.length; j++) {
      current[j] = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1))
    }
    previous = current
  }
  return previous[b.length]
}

/** A YAML error as one line that quotes the line it is on, not the library's multi-line excerpt. */
export function yamlProblem(error: { message: string; linePos?: Array<{ line: number; col: number }> }, text: string): string {
  const reason = error.message
    .split('\n')[0]
    .replace(/ at line \d+, column \d+:?$/, '')
    .replace(/[.:]$/, '')
  const line = error.linePos?.[0]?.line
  const quoted = line !== undefined ? text.split('\n')[line - 1]?.trim() : undefined
  return quoted ? `${reason}, at line ${line}: '${quoted}'` : reason
}
