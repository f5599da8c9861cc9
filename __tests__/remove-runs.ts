// Each test file's action runs leave their workspaces (downloads of hundreds of MB among them) in one
// temporary folder, removed once the file's tests are done.
import { removeRuns } from '../simulator/run-action.js'

afterAll(removeRuns)
