import { type ErrorData } from '../../src-shared/errors'
import { type ChangeAnswer, type ChangeDecision } from '../../src-shared/host/contract'
import {
  type ChangeProposal,
  type DecisionRecord,
  type OpVersionInfo,
  type VersionDiff,
} from '../../src-shared/model/versions'
import { errorDataOf } from '../api/client'
import { type SliceCreator } from './app-store'
import { type GraphHighlight } from './navigation-slice'

export interface ProposalsSlice {
  /** Dependency changes waiting for a decision (the change inbox). */
  readonly proposals: readonly ChangeProposal[]
  readonly proposalsError: ErrorData | null
  /** The proposal the inbox shows; the graph highlights its blast radius. */
  readonly selectedProposalId: string | null
  /** The last answer given from the app, for announcements ("Marked … breaking"). */
  readonly lastDecision: (ChangeDecision & { readonly componentId: string }) | null
  readonly proposalsRequested: () => Promise<void>
  readonly proposalsReceived: (proposals: readonly ChangeProposal[]) => void
  readonly proposalSelected: (proposalId: string | null) => void
  /** Answers one proposal; the list refreshes from the host's event. */
  readonly proposalDecided: (proposalId: string, answer: ChangeAnswer) => Promise<void>
  /** Host queries for the versions view; they throw HostCallError. */
  readonly listOpNames: () => Promise<readonly string[]>
  readonly listVersions: (op: string) => Promise<readonly OpVersionInfo[]>
  readonly diffVersions: (op: string, a: number, b: number) => Promise<VersionDiff>
  readonly listDecisions: () => Promise<readonly DecisionRecord[]>
}

/**
 * Which proposal to show after the list changed: the same one while it is pending, else the one
 * that took its place (so deciding moves on to the next), else the first.
 */
export function selectionAfterChange(
  previous: readonly ChangeProposal[],
  next: readonly ChangeProposal[],
  selectedId: string | null,
): string | null {
  if (next.length === 0) return null
  if (selectedId !== null && next.some((proposal) => proposal.id === selectedId)) return selectedId
  const previousIndex =
    selectedId === null ? -1 : previous.findIndex((proposal) => proposal.id === selectedId)
  if (previousIndex < 0) return next[0]?.id ?? null
  // Proposals after the decided one keep their order: the first of them still pending.
  for (const candidate of previous.slice(previousIndex + 1)) {
    if (next.some((proposal) => proposal.id === candidate.id)) return candidate.id
  }
  return next[Math.min(previousIndex, next.length - 1)]?.id ?? null
}

export function blastRadiusHighlight(proposal: ChangeProposal): GraphHighlight {
  return {
    ops: proposal.dependentOps,
    label: `Would recompute if ${proposal.component.id} is breaking`,
  }
}

export const createProposalsSlice: SliceCreator<ProposalsSlice> = (host) => (set, get) => {
  // The highlight this slice set last: it replaces or clears only its own, never another view's.
  let ownHighlight: GraphHighlight | null = null

  /** `chosen`: the user picked the proposal, so its blast radius replaces any highlight. */
  function showSelection(
    proposals: readonly ChangeProposal[],
    selectedId: string | null,
    chosen = false,
  ): void {
    set({ proposals, selectedProposalId: selectedId, proposalsError: null })
    const selected = proposals.find((proposal) => proposal.id === selectedId)
    const current = get().graphHighlight
    if (selected === undefined) {
      if (ownHighlight !== null && current === ownHighlight) get().graphHighlighted(null)
      ownHighlight = null
      return
    }
    const next = blastRadiusHighlight(selected)
    if (!chosen && current !== null && current !== ownHighlight) return
    if (current !== null && current === ownHighlight && current.label === next.label) return
    ownHighlight = next
    get().graphHighlighted(ownHighlight)
  }

  return {
    proposals: [],
    proposalsError: null,
    selectedProposalId: null,
    lastDecision: null,
    async proposalsRequested() {
      try {
        get().proposalsReceived(await host.call('changes.list', {}))
      } catch (error) {
        set({ proposalsError: errorDataOf(error) })
      }
    },
    proposalsReceived(proposals) {
      const { proposals: previous, selectedProposalId } = get()
      showSelection(proposals, selectionAfterChange(previous, proposals, selectedProposalId))
    },
    proposalSelected(proposalId) {
      showSelection(get().proposals, proposalId, true)
    },
    async proposalDecided(proposalId, answer) {
      const proposal = get().proposals.find((candidate) => candidate.id === proposalId)
      try {
        const decision = await host.call('changes.decide', { proposalId, answer })
        set({ lastDecision: { ...decision, componentId: proposal?.component.id ?? proposalId } })
        get().proposalsReceived(get().proposals.filter((candidate) => candidate.id !== proposalId))
      } catch (error) {
        set({ proposalsError: errorDataOf(error) })
      }
    },
    listOpNames: async () => (await host.call('query.catalog', {})).map((shape) => shape.op),
    listVersions: (op) => host.call('versions.list', { op }),
    diffVersions: (op, a, b) => host.call('versions.diff', { op, a, b }),
    listDecisions: () => host.call('decisions.list', {}),
  }
}
