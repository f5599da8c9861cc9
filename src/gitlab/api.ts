import { apiUrl } from '../http/url.js'
import type { GitLabConnection, JobSelector } from '../settings/index.js'

// GitLab API v4 paths of job artifacts. `:id` is the project id or its full path as ONE segment
// (group%2Fsub%2Fproject); `ref_name` is one segment too, so a branch like release/1.2 stays unambiguous.

function projectPath(gitlab: GitLabConnection): string {
  return `/projects/${encodeURIComponent(gitlab.project)}`
}

/** `artifact_path` keeps its `/` separators: GitLab answers 404 to an encoded `%2F`. */
function encodeArtifactPath(artifactPath: string): string {
  return artifactPath.split('/').map(encodeURIComponent).join('/')
}

/** What a download is sent by: the job's id, or (a CI job token that may not list pipelines) a ref and job name GitLab resolves. */
export type DownloadSelector = Extract<JobSelector, { by: 'id' | 'ref' }>

function refQuery(job: Extract<JobSelector, { by: 'ref' }>): Record<string, string | undefined> {
  return { job: job.job, search_recent_successful_pipelines: job.searchRecentSuccessfulPipelines ? 'true' : undefined }
}

/** The job's whole artifacts archive. */
export function archiveUrl(gitlab: GitLabConnection, job: DownloadSelector): URL {
  if (job.by === 'id') return apiUrl(gitlab.apiUrl, `${projectPath(gitlab)}/jobs/${job.jobId}/artifacts`)
  return apiUrl(gitlab.apiUrl, `${projectPath(gitlab)}/jobs/artifacts/${encodeURIComponent(job.ref)}/download`, refQuery(job))
}

/** One file from inside the job's artifacts archive. */
export function artifactFileUrl(gitlab: GitLabConnection, job: DownloadSelector, artifactPath: string): URL {
  const file = encodeArtifactPath(artifactPath)
  if (job.by === 'id') return apiUrl(gitlab.apiUrl, `${projectPath(gitlab)}/jobs/${job.jobId}/artifacts/${file}`)
  return apiUrl(gitlab.apiUrl, `${projectPath(gitlab)}/jobs/artifacts/${encodeURIComponent(job.ref)}/raw/${file}`, refQuery(job))
}

/** One job: `GET /projects/:id/jobs/:job_id` (lib/api/ci/jobs.rb). */
export function jobUrl(gitlab: GitLabConnection, jobId: string): URL {
  return apiUrl(gitlab.apiUrl, `${projectPath(gitlab)}/jobs/${jobId}`)
}

/** The project's pipelines, filtered and ordered by `query` (lib/api/ci/pipelines.rb). */
export function pipelinesUrl(gitlab: GitLabConnection, query: Record<string, string>): URL {
  return apiUrl(gitlab.apiUrl, `${projectPath(gitlab)}/pipelines`, query)
}

/** One pipeline: `GET /projects/:id/pipelines/:pipeline_id` (lib/api/ci/pipelines.rb). */
export function pipelineUrl(gitlab: GitLabConnection, pipelineId: string): URL {
  return apiUrl(gitlab.apiUrl, `${projectPath(gitlab)}/pipelines/${pipelineId}`)
}

/** A pipeline's own jobs (not its child pipelines'), latest try of each, paginated. */
export function pipelineJobsUrl(gitlab: GitLabConnection, pipelineId: number, query: Record<string, string>): URL {
  return apiUrl(gitlab.apiUrl, `${projectPath(gitlab)}/pipelines/${pipelineId}/jobs`, query)
}

/** A pipeline's trigger jobs, whose `downstream_pipeline` names its child pipelines. */
export function pipelineBridgesUrl(gitlab: GitLabConnection, pipelineId: number, query: Record<string, string>): URL {
  return apiUrl(gitlab.apiUrl, `${projectPath(gitlab)}/pipelines/${pipelineId}/bridges`, query)
}

export function keepUrl(gitlab: GitLabConnection, jobId: string): URL {
  return apiUrl(gitlab.apiUrl, `${projectPath(gitlab)}/jobs/${jobId}/artifacts/keep`)
}

export function deleteUrl(gitlab: GitLabConnection, jobId: string): URL {
  return apiUrl(gitlab.apiUrl, `${projectPath(gitlab)}/jobs/${jobId}/artifacts`)
}

/** The token header, given to send() as credentials so that it never leaves GitLab's origin. */
export function credentials(gitlab: GitLabConnection): Record<string, string> {
  return { [gitlab.auth.header]: gitlab.auth.token }
}

/** The job as a person names it: "job 42 of group/project" or "job 'build' of the latest successful pipeline of main in group/project". */
export function describeJob(gitlab: GitLabConnection, job: JobSelector): string {
  return `${describeSelector(job)} ${job.by === 'id' ? 'of' : 'in'} ${gitlab.project}`
}

/** The job as a person names it, without the project: "job 42", "job 'build' of the newest pipeline for commit 1a2b3c4d". */
export function describeSelector(job: JobSelector): string {
  switch (job.by) {
    case 'id':
      return `job ${job.jobId}`
    case 'ref':
      return `job '${job.job}' of ${job.searchRecentSuccessfulPipelines ? 'a recent successful pipeline' : 'the latest successful pipeline'} of ${job.ref}`
    case 'sha':
      return `job '${job.job}' of the newest pipeline for commit ${job.sha.slice(0, 12)}`
    case 'pipeline':
      return `job '${job.job}' of pipeline ${job.pipelineId}`
  }
}
