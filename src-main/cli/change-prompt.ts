import { createInterface } from 'node:readline/promises'
import { type ChangeProposal } from '../../src-shared/model/versions'
import { type ProposalReply } from '../engine'

const ANSWERS: Readonly<Record<string, ProposalReply['answer']>> = {
  b: 'breaking',
  breaking: 'breaking',
  y: 'breaking',
  yes: 'breaking',
  n: 'nonBreaking',
  'non-breaking': 'nonBreaking',
  no: 'nonBreaking',
  a: 'abort',
  abort: 'abort',
}

/** The change panel mandala prints on a terminal: what changed, who depends on it, the diff. */
export function describeProposal(proposal: ChangeProposal, color: boolean): string {
  const paint = (code: string, text: string): string =>
    color ? `\x1b[${code}m${text}\x1b[0m` : text
  const diff = proposal.diff
    .split('\n')
    .map((line) =>
      line.startsWith('+') && !line.startsWith('+++')
        ? paint('32', line)
        : line.startsWith('-') && !line.startsWith('---')
          ? paint('31', line)
          : line.startsWith('@@')
            ? paint('36', line)
            : line,
    )
    .join('\n')
  const lines = [
    paint('1;33', `CHANGE DETECTED in ${proposal.component.id} (${proposal.component.kind})`),
    `Dependent ops: ${proposal.dependentOps.join(', ')} (${proposal.affectedCalls} stored call${proposal.affectedCalls === 1 ? '' : 's'})`,
    diff.trimEnd(),
  ]
  if (proposal.warning !== null) lines.push(paint('1;31', `WARNING: ${proposal.warning}`))
  return `${lines.join('\n')}\n`
}

/**
 * Asks on the terminal whether a change is breaking, as mandala does. Re-asks on anything it
 * does not understand; end of input aborts.
 */
export async function promptForDecision(proposal: ChangeProposal): Promise<ProposalReply> {
  process.stderr.write(`\n${describeProposal(proposal, process.stderr.isTTY === true)}`)
  const terminal = createInterface({ input: process.stdin, output: process.stderr })
  const closed = new Promise<null>((resolve) => terminal.once('close', () => resolve(null)))
  try {
    for (;;) {
      const line = await Promise.race([
        terminal.question(
          'Does this change require recomputing dependent calls? [b]reaking / [n]on-breaking / [a]bort: ',
        ),
        closed,
      ]).catch(() => null)
      if (line === null) return { answer: 'abort', decidedBy: 'prompt' }
      const answer = ANSWERS[line.trim().toLowerCase()]
      if (answer !== undefined) return { answer, decidedBy: 'prompt' }
    }
  } finally {
    terminal.close()
  }
}
