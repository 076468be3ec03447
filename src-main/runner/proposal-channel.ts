/**
 * The synchronous half of the runner protocol: a worker that needs a proposal answered blocks
 * (op calls are synchronous, so it cannot await) until the host has asked the user. Both sides
 * live here so the handshake on the answer signal is written down once.
 */
import { receiveMessageOnPort, type MessagePort, type Worker } from 'node:worker_threads'
import { type ChangeProposal } from '../../src-shared/model/versions'
import { type HostToWorker, type WorkerToHost } from '../../src-shared/runner/protocol'
import { type ProposalReply } from '../engine/memo/active-run'

/** Values of the answer signal (RunnerStart.answerSignal, one Int32). */
const WAITING = 0
const ANSWERED = 1
const CANCELLED = 2
const RECHECK_MS = 1000

export function createAnswerSignal(): SharedArrayBuffer {
  return new SharedArrayBuffer(Int32Array.BYTES_PER_ELEMENT)
}

/** Host side: hands the waiting worker its answer and wakes it. */
export function answerProposal(
  worker: Worker,
  signal: SharedArrayBuffer,
  answer: HostToWorker,
): void {
  worker.postMessage(answer)
  const cell = new Int32Array(signal)
  Atomics.store(cell, 0, ANSWERED)
  Atomics.notify(cell, 0)
}

/** Host side, when cancelling: no answer will come, so a waiting worker must not wake to look. */
export function abandonProposals(signal: SharedArrayBuffer): void {
  const cell = new Int32Array(signal)
  Atomics.store(cell, 0, CANCELLED)
  Atomics.notify(cell, 0)
}

/**
 * Worker side: posts the proposal and blocks until the host answers it. After a cancel it
 * stays blocked (waiting on CANCELLED): the host is terminating the thread, and nothing of the
 * script may run in the meantime.
 */
export function askHost(
  port: MessagePort,
  signal: SharedArrayBuffer,
  post: (message: WorkerToHost) => void,
  proposal: ChangeProposal,
): ProposalReply {
  const cell = new Int32Array(signal)
  post({ type: 'proposal', proposal })
  for (;;) {
    const received = receiveMessageOnPort(port)
    if (received !== undefined) {
      const answer = received.message as HostToWorker
      // An answer to an earlier proposal cannot be this one's; wait for the right one.
      if (answer.type !== 'answer' || answer.proposalId !== proposal.id) continue
      Atomics.compareExchange(cell, 0, ANSWERED, WAITING)
      return { answer: answer.answer, decidedBy: answer.decidedBy }
    }
    // The host posts before it raises the signal, so a raised signal with nothing on the port
    // is left over from an answer already read.
    Atomics.compareExchange(cell, 0, ANSWERED, WAITING)
    // The timeout only bounds the damage should that ordering ever not hold.
    Atomics.wait(cell, 0, Atomics.load(cell, 0), RECHECK_MS)
  }
}
