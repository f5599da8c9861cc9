// @ts-check
// A small zip writer for the simulators, tests and benchmarks. It streams an archive of generated
// content without holding it in memory (sizes are known up front, CRCs go in data descriptors), and
// writes whatever it is told to: `../` names, absolute names, symlinks and corrupt data included.
import { createWriteStream } from 'node:fs'
import { Readable } from 'node:stream'
import { pipeline } from 'node:stream/promises'
import { crc32, deflateRawSync } from 'node:zlib'

/**
 * @typedef {object} ZipEntry
 * @property {string} name  Stored exactly as given (crafted names welcome); a directory's ends with `/`.
 * @property {Buffer | string} [data]  Content held in memory. For a symlink, the link target.
 * @property {number} [size]  Instead of data: this many bytes of generated content, streamed.
 * @property {number} [seed]  Varies generated content between entries (default 1).
 * @property {'file' | 'directory' | 'symlink'} [type]  Default: `directory` when the name ends with `/`, else `file`.
 * @property {'store' | 'deflate'} [method]  Default: deflate for data, store for generated content.
 * @property {number} [mode]  Unix permission bits (default 0o644, 0o755 for directories, 0o777 for symlinks).
 * @property {boolean} [corrupt]  Damage the stored bytes after the CRC is taken (in-memory data only).
 * @property {number} [declaredSize]  Uncompressed size written in the headers, when it should lie.
 */

const LOCAL_HEADER = 30
const DATA_DESCRIPTOR = 16
const CENTRAL_HEADER = 46
const END_OF_CENTRAL_DIRECTORY = 22
const FLAG_DATA_DESCRIPTOR = 0x0008
const FLAG_UTF8 = 0x0800
const MADE_BY_UNIX = (3 << 8) | 20
const VERSION_NEEDED = 20
const ZIP32_LIMIT = 0xffffffff
const TYPE_BITS = { file: 0o100000, directory: 0o040000, symlink: 0o120000 }
const DEFAULT_MODE = { file: 0o644, directory: 0o755, symlink: 0o777 }
// 2024-01-02 03:04:06 in MS-DOS format: fixed, so that the same entries give the same bytes.
const DOS_TIME = (3 << 11) | (4 << 5) | 3
const DOS_DATE = ((2024 - 1980) << 9) | (1 << 5) | 2
const BLOCK_SIZE = 1 << 20

/** @type {Map<number, Buffer>} */
const blocks = new Map()
/**
 * CRC-32s of generated content by size and seed: the bytes are the same every time, so a big
 * archive served again (benchmarks download 1 GiB several times) costs the server no CPU for them.
 * @type {Map<string, number>}
 */
const generatedCrcs = new Map()

/** @param {ZipEntry} entry */
function generatedKey(entry) {
  return `${entry.size}:${entry.seed ?? 1}`
}

/**
 * One MiB of pseudo-random bytes per seed, reused for every block of generated content.
 * @param {number} seed
 */
function block(seed) {
  let cached = blocks.get(seed)
  if (!cached) {
    cached = Buffer.allocUnsafe(BLOCK_SIZE)
    let state = (seed * 2654435761) >>> 0 || 1
    for (let i = 0; i < BLOCK_SIZE; i += 4) {
      state ^= state << 13
      state ^= state >>> 17
      state ^= state << 5
      cached.writeUInt32LE(state >>> 0, i)
    }
    blocks.set(seed, cached)
  }
  return cached
}

/**
 * Generated content: `size` bytes from the seed's block, repeated. The same block object is yielded
 * again and again and must not be changed by the consumer.
 * @param {number} size
 * @param {number} [seed]
 * @returns {Generator<Buffer>}
 */
export function* generatedContent(size, seed = 1) {
  const source = block(seed)
  for (let offset = 0; offset < size; offset += BLOCK_SIZE) {
    yield offset + BLOCK_SIZE <= size ? source : source.subarray(0, size - offset)
  }
}

/**
 * The bytes of an entry's content as it would be extracted (the link target for a symlink).
 * @param {ZipEntry} entry
 * @returns {Iterable<Buffer>}
 */
export function entryContent(entry) {
  if (entry.size !== undefined) return generatedContent(entry.size, entry.seed)
  return entry.data === undefined ? [] : [Buffer.from(entry.data)]
}

/**
 * @typedef {object} PlannedEntry
 * @property {ZipEntry} entry
 * @property {Buffer} name
 * @property {number} method  0 stored, 8 deflated
 * @property {Buffer | undefined} stored  The bytes as stored, for in-memory data.
 * @property {number | undefined} crc  Known up front for in-memory data and for generated content seen before; taken while streaming otherwise.
 * @property {number} compressedSize
 * @property {number} uncompressedSize
 * @property {number} externalAttributes
 * @property {number} offset  Of the local header.
 */

/**
 * @param {ZipEntry} entry
 * @param {number} offset
 * @returns {PlannedEntry}
 */
function planEntry(entry, offset) {
  const type = entry.type ?? (entry.name.endsWith('/') ? 'directory' : 'file')
  const mode = TYPE_BITS[type] | (entry.mode ?? DEFAULT_MODE[type])
  const externalAttributes = ((mode << 16) | (type === 'directory' ? 0x10 : 0)) >>> 0
  const name = Buffer.from(entry.name, 'utf8')
  if (entry.size !== undefined) {
    if (entry.data !== undefined) throw new Error(`zip entry ${entry.name}: give data or size, not both`)
    if (entry.method === 'deflate') throw new Error(`zip entry ${entry.name}: generated content is always stored`)
    if (entry.size >= ZIP32_LIMIT) throw new Error(`zip entry ${entry.name}: entries of 4 GiB or more need zip64, which this writer does not do`)
    const crc = generatedCrcs.get(generatedKey(entry))
    return { entry, name, method: 0, stored: undefined, crc, compressedSize: entry.size, uncompressedSize: entry.size, externalAttributes, offset }
  }
  const data = Buffer.from(entry.data ?? '')
  const deflate = (entry.method ?? (type === 'file' ? 'deflate' : 'store')) === 'deflate'
  const stored = deflate ? deflateRawSync(data) : Buffer.from(data)
  const crc = crc32(data)
  if (entry.corrupt && stored.length > 0) stored[stored.length >> 1] ^= 0xff
  return {
    entry,
    name,
    method: deflate ? 8 : 0,
    stored,
    crc,
    compressedSize: stored.length,
    uncompressedSize: entry.declaredSize ?? data.length,
    externalAttributes,
    offset
  }
}

/** @param {ZipEntry[]} entries */
function planArchive(entries) {
  if (entries.length > 0xffff) throw new Error('more than 65,535 entries need zip64, which this writer does not do')
  /** @type {PlannedEntry[]} */
  const planned = []
  let offset = 0
  for (const entry of entries) {
    const plan = planEntry(entry, offset)
    planned.push(plan)
    offset += LOCAL_HEADER + plan.name.length + plan.compressedSize + DATA_DESCRIPTOR
  }
  const centralDirectorySize = planned.reduce((sum, plan) => sum + CENTRAL_HEADER + plan.name.length, 0)
  if (offset + centralDirectorySize >= ZIP32_LIMIT) throw new Error('archives of 4 GiB or more need zip64, which this writer does not do')
  return { planned, centralDirectoryOffset: offset, centralDirectorySize, totalSize: offset + centralDirectorySize + END_OF_CENTRAL_DIRECTORY }
}

/**
 * Size in bytes of the archive `zipStream(entries)` produces, known before any of it is generated
 * (for Content-Length).
 * @param {ZipEntry[]} entries
 */
export function zipSize(entries) {
  return planArchive(entries).totalSize
}

/** @param {PlannedEntry} plan */
function localHeader(plan) {
  const header = Buffer.alloc(LOCAL_HEADER)
  header.writeUInt32LE(0x04034b50, 0)
  header.writeUInt16LE(VERSION_NEEDED, 4)
  header.writeUInt16LE(FLAG_DATA_DESCRIPTOR | FLAG_UTF8, 6)
  header.writeUInt16LE(plan.method, 8)
  header.writeUInt16LE(DOS_TIME, 10)
  header.writeUInt16LE(DOS_DATE, 12)
  // CRC and sizes (14..25) stay zero: they follow the data in the descriptor.
  header.writeUInt16LE(plan.name.length, 26)
  return Buffer.concat([header, plan.name])
}

/**
 * @param {PlannedEntry} plan
 * @param {number} crc
 */
function dataDescriptor(plan, crc) {
  const descriptor = Buffer.alloc(DATA_DESCRIPTOR)
  descriptor.writeUInt32LE(0x08074b50, 0)
  descriptor.writeUInt32LE(crc, 4)
  descriptor.writeUInt32LE(plan.compressedSize, 8)
  descriptor.writeUInt32LE(plan.uncompressedSize, 12)
  return descriptor
}

/**
 * @param {PlannedEntry} plan
 * @param {number} crc
 */
function centralHeader(plan, crc) {
  const header = Buffer.alloc(CENTRAL_HEADER)
  header.writeUInt32LE(0x02014b50, 0)
  header.writeUInt16LE(MADE_BY_UNIX, 4)
  header.writeUInt16LE(VERSION_NEEDED, 6)
  header.writeUInt16LE(FLAG_DATA_DESCRIPTOR | FLAG_UTF8, 8)
  header.writeUInt16LE(plan.method, 10)
  header.writeUInt16LE(DOS_TIME, 12)
  header.writeUInt16LE(DOS_DATE, 14)
  header.writeUInt32LE(crc, 16)
  header.writeUInt32LE(plan.compressedSize, 20)
  header.writeUInt32LE(plan.uncompressedSize, 24)
  header.writeUInt16LE(plan.name.length, 28)
  header.writeUInt32LE(plan.externalAttributes, 38)
  header.writeUInt32LE(plan.offset, 42)
  return Buffer.concat([header, plan.name])
}

/**
 * @param {number} count
 * @param {number} size
 * @param {number} offset
 */
function endOfCentralDirectory(count, size, offset) {
  const record = Buffer.alloc(END_OF_CENTRAL_DIRECTORY)
  record.writeUInt32LE(0x06054b50, 0)
  record.writeUInt16LE(count, 8)
  record.writeUInt16LE(count, 10)
  record.writeUInt32LE(size, 12)
  record.writeUInt32LE(offset, 16)
  return record
}

/**
 * The archive's bytes, generated as they are read.
 * @param {ZipEntry[]} entries
 * @returns {Generator<Buffer>}
 */
export function* zipChunks(entries) {
  const { planned, centralDirectoryOffset, centralDirectorySize } = planArchive(entries)
  /** @type {number[]} */
  const crcs = []
  for (const plan of planned) {
    yield localHeader(plan)
    let crc = plan.crc ?? 0
    if (plan.stored) {
      if (plan.stored.length > 0) yield plan.stored
    } else if (plan.crc !== undefined) {
      yield* entryContent(plan.entry)
    } else {
      for (const chunk of entryContent(plan.entry)) {
        crc = crc32(chunk, crc)
        yield chunk
      }
      generatedCrcs.set(generatedKey(plan.entry), crc)
    }
    crcs.push(crc)
    yield dataDescriptor(plan, crc)
  }
  for (const [index, plan] of planned.entries()) yield centralHeader(plan, crcs[index])
  yield endOfCentralDirectory(planned.length, centralDirectorySize, centralDirectoryOffset)
}

/**
 * A readable stream of the archive; memory stays flat whatever its size.
 * @param {ZipEntry[]} entries
 */
export function zipStream(entries) {
  return Readable.from(zipChunks(entries), { objectMode: false })
}

/**
 * A small archive, in memory.
 * @param {ZipEntry[]} entries
 */
export function zipBuffer(entries) {
  return Buffer.concat([...zipChunks(entries)])
}

/**
 * Writes the archive to a file, streamed.
 * @param {string} file
 * @param {ZipEntry[]} entries
 */
export async function writeZip(file, entries) {
  await pipeline(zipStream(entries), createWriteStream(file, { highWaterMark: 4 * BLOCK_SIZE }))
}
