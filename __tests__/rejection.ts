import { ActionError } from '../src/errors.js'

/**
 * The ActionError a promise rejects with, typed so a test can read its message and hint. The test
 * fails here if the promise resolves or rejects with anything else.
 */
export async function rejectionOf(promise: Promise<unknown>): Promise<ActionError> {
  try {
    await promise
  } catch (error) {
    if (error instanceof ActionError) return error
    throw error
  }
  throw new Error('Expected the promise to reject with an ActionError, but it resolved')
}
