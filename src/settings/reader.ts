import * as core from '@actions/core'
import { InputError } from '../errors.js'
import { registerSecret } from '../secrets.js'

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

export function required(name: string, what: string): string {
  const value = optional(name)
  if (value === undefined) throw new InputError(name, `is required: ${what}.`)
  return value
}

/** Reads a credential and masks it before anything else can print it. */
export function secret(name: string): string | undefined {
  const value = optional(name)
  if (value !== undefined) registerSecret(value)
  return value
}

export function boolean(name: string, fallback: boolean): boolean {
  const value = optional(name)
  if (value === undefined) return fallback
  if (/^(true|yes|on|1)$/i.test(value)) return true
  if (/^(false|no|off|0)$/i.test(value)) return false
  throw new InputError(name, `must be true or false; got '${value}'.`)
}

const DURATION_UNITS_MS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 }

/** `90s`, `15m`, `1h`, `500ms`, or plain (possibly fractional) seconds. */
export function duration(name: string, fallback: string): number {
  const text = optional(name) ?? fallback
  const match = /^(\d+(?:\.\d+)?)\s*(ms|s|m|h)?$/i.exec(text)
  const ms = match ? Number(match[1]) * DURATION_UNITS_MS[(match[2] ?? 's').toLowerCase()] : NaN
  if (!(ms > 0)) throw new InputError(name, `must be a duration such as 90s, 15m, 1h or a number of seconds; got '${text}'.`)
  return ms
}

const SIZE_UNITS: Record<string, number> = { '': 1, k: 1024, m: 1024 ** 2, g: 1024 ** 3, t: 1024 ** 4 }

/** `500MiB`, `10GiB`, `2g`, or plain bytes. */
export function size(name: string, fallback: string): number {
  const text = optional(name) ?? fallback
  const match = /^(\d+(?:\.\d+)?)\s*(?:([kmgt])(?:i?b)?|b)?$/i.exec(text)
  const bytes = match ? Math.floor(Number(match[1]) * SIZE_UNITS[(match[2] ?? '').toLowerCase()]) : NaN
  if (!(bytes > 0)) throw new InputError(name, `must be a size such as 500MiB, 10GiB or a number of bytes; got '${text}'.`)
  return bytes
}

export function positiveInteger(name: string, fallback?: number): number {
  const text = optional(name)
  if (text === undefined && fallback !== undefined) return fallback
  if (text === undefined || !/^[1-9]\d*$/.test(text)) {
    throw new InputError(name, `must be a positive whole number; got '${text ?? ''}'.`)
  }
  return Number(text)
}

/** `http://` or `https://` base URL; any path is kept (vanity and self-hosted URLs). */
export function baseUrl(name: string, fallback: string): URL {
  const text = optional(name) ?? fallback
  let url: URL | undefined
  try {
    url = new URL(text)
  } catch {
    url = undefined
  }
  if (!url || (url.protocol !== 'https:' && url.protocol !== 'http:') || url.search || url.hash || url.username) {
    throw new InputError(name, `must be an https:// or http:// URL without query or credentials, such as ${fallback}; got '${text}'.`)
  }
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
export function exactlyOne<A extends string, B extends string>(
  first: A,
  second: B,
  what: string
): { input: A; value: string } | { input: B; value: string } {
  const a = optional(first)
  const b = optional(second)
  if (a !== undefined && b !== undefined) throw new InputError(first, `and '${second}' are both set; give only one (${what}).`)
  if (a !== undefined) return { input: first, value: a }
  if (b !== undefined) return { input: second, value: b }
  throw new InputError(first, `or '${second}' is required: ${what}.`)
}
