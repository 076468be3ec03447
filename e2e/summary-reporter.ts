import {
  type FullResult,
  type Reporter,
  type Suite,
  type TestError,
} from '@playwright/test/reporter'

/**
 * CI here reads a plain `N passed, N failed` line, not Playwright's own summary, so this
 * reporter (next to 'list') prints exactly that as the last line. Errors outside any test
 * (a spec that fails to load, a crashed worker) count as failures.
 */
export default class SummaryReporter implements Reporter {
  private root: Suite | undefined
  private errorsOutsideTests = 0

  onBegin(_config: unknown, suite: Suite): void {
    this.root = suite
  }

  onError(_error: TestError): void {
    this.errorsOutsideTests++
  }

  printsToStdio(): boolean {
    return true
  }

  onEnd(result: FullResult): void {
    let passed = 0
    let failed = this.errorsOutsideTests
    let skipped = 0
    for (const test of this.root?.allTests() ?? []) {
      const outcome = test.outcome()
      if (outcome === 'expected' || outcome === 'flaky') passed++
      else if (outcome === 'unexpected') failed++
      else {
        skipped++
        // 'list' does not show why a test was skipped; say it, e.g. "Electron binary not installed".
        const reason = test.annotations.find((annotation) => annotation.type === 'skip')
        console.log(
          `skipped: ${test.title}${reason?.description ? ` (${reason.description})` : ''}`,
        )
      }
    }
    if (failed === 0 && result.status !== 'passed') failed = 1
    if (skipped > 0) console.log(`${skipped} skipped`)
    console.log(`${passed} passed, ${failed} failed`)
  }
}
