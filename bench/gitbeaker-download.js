// @ts-check
// The reference GitLab client: downloads a job's artifacts archive with @gitbeaker/rest and saves it
// to a file, in its own process so that its time and memory can be measured like the action's.
// Usage: node bench/gitbeaker-download.js <gitlab-url> <token> <project-id> <job-id> <file>
import { Gitlab } from '@gitbeaker/rest'
import { createWriteStream } from 'node:fs'
import { Readable } from 'node:stream'
import { pipeline } from 'node:stream/promises'

const [host, token, projectId, jobId, file] = process.argv.slice(2)
const api = new Gitlab({ host, token })
// Its documented way: the archive comes back as a Blob, held in memory.
const archive = await api.JobArtifacts.downloadArchive(projectId, { jobId: Number(jobId) })
await pipeline(Readable.fromWeb(/** @type {import('node:stream/web').ReadableStream} */ (archive.stream())), createWriteStream(file))
