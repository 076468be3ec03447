import { type ErrorData } from '../../src-shared/errors'
import { type ChangeAnswer } from '../../src-shared/host/contract'
import { type ChangeProposal } from '../../src-shared/model/versions'
import { errorDataOf } from '../api/client'
import { type SliceCreator } from './app-store'

export interface ProposalsSlice {
  /** Dependency changes waiting for a decision (the change inbox). */
  readonly proposals: readonly ChangeProposal[]
  readonly proposalsError: ErrorData | null
  readonly proposalsRequested: () => Promise<void>
  readonly proposalsReceived: (proposals: readonly ChangeProposal[]) => void
  /** Answers one proposal; the list refreshes from the host's event. */
  readonly proposalDecided: (proposalId: string, answer: ChangeAnswer) => Promise<void>
}

export const createProposalsSlice: SliceCreator<ProposalsSlice> = (host) => (set, get) => ({
  proposals: [],
  proposalsError: null,
  async proposalsRequested() {
    try {
      get().proposalsReceived(await host.call('changes.list', {}))
    } catch (error) {
      set({ proposalsError: errorDataOf(error) })
    }
  },
  proposalsReceived(proposals) {
    set({ proposals, proposalsError: null })
  },
  async proposalDecided(proposalId, answer) {
    try {
      await host.call('changes.decide', { proposalId, answer })
      set({ proposals: get().proposals.filter((proposal) => proposal.id !== proposalId) })
    } catch (error) {
      set({ proposalsError: errorDataOf(error) })
    }
  },
})
