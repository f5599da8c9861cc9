import * as log from '../log.js'
import { rm } from 'node:fs/promises'
import { archiveUrl, describeJob } from '../gitlab/api.js'
import { downloadArtifact, fetchedResult, jobTarget } from '../gitlab/artifacts.js'
import { extractArchive } from '../gitlab/extract.js'
import { count } from '../gitlab/progress.js'
import type { DownloadArtifactsSettings } from '../settings/index.js'
import type { OperationContext, OperationResult } from './types.js'

/** The job's artifacts archive, extracted into `path` (or, with `extract: false`, saved there as a zip). */
export async function downloadArtifacts(settings: DownloadArtifactsSettings, context: OperationContext): Promise<OperationResult> {
  const startedAt = Date.now()
  const { gitlab, job } = settings
  const described = describeJob(gitlab, job)
  const file = await log.group(`Download the artifacts of ${described}`, () =>
    downloadArtifact({
      gitlab,
      job,
      url: archiveUrl(gitlab, job),
      what: `download the artifacts of ${described}`,
      folder: settings.path,
      saveAs: settings.extract ? 'temporary' : { fallbackName: 'artifacts.zip' },
      signal: context.signal
    })
  )
  const result = { operation: settings.operation, target: jobTarget(gitlab, job), startedAt, file }
  if (!settings.extract) {
    log.info(`Saved the archive as ${file.file}`)
    return fetchedResult({ ...result, status: 'Downloaded', downloadPath: file.file, files: 1 })
  }
  const extracted = await log.group(`Extract the artifacts into ${settings.path}`, async () => {
    try {
      return await extractArchive(file.file, settings.path, settings.limits, context.signal)
    } finally {
      await rm(file.file, { force: true })
    }
  })
  log.info(`Extracted ${count(extracted.files, 'file')} into ${settings.path}`)
  return fetchedResult({ ...result, status: 'Extracted', downloadPath: settings.path, files: extracted.files })
}
