import { useCallback } from 'react'
import { useAppStore } from '../../app/store-context'
import { VIEW_NAMES, type ViewName } from '../../store/navigation-slice'
import { type ShellCommandId } from './shortcut-registry'

/** The header's workspace field: "Open workspace…" puts the cursor there. */
export const WORKSPACE_PATH_INPUT_ID = 'workspace-path-input'

function viewOfCommand(command: ShellCommandId): ViewName | null {
  const view = command.startsWith('view.') ? command.slice('view.'.length) : null
  return VIEW_NAMES.find((name) => name === view) ?? null
}

/** Carries out a shell command (from a shortcut, the palette or a header button). */
export function useShellCommands(): (command: ShellCommandId) => void {
  const theme = useAppStore((state) => state.theme)
  const paletteOpen = useAppStore((state) => state.paletteOpen)
  const workspace = useAppStore((state) => state.workspace)
  const codeRunning = useAppStore((state) => state.codeRunning)
  const viewChanged = useAppStore((state) => state.viewChanged)
  const themeChanged = useAppStore((state) => state.themeChanged)
  const paletteToggled = useAppStore((state) => state.paletteToggled)
  const shortcutsToggled = useAppStore((state) => state.shortcutsToggled)
  const codeRunRequested = useAppStore((state) => state.codeRunRequested)
  const codeCancelRequested = useAppStore((state) => state.codeCancelRequested)
  const codeTrustRequested = useAppStore((state) => state.codeTrustRequested)

  return useCallback(
    (command: ShellCommandId) => {
      const view = viewOfCommand(command)
      if (view !== null) {
        viewChanged(view)
        return
      }
      switch (command) {
        case 'palette.open':
          paletteToggled(!paletteOpen)
          return
        case 'shortcuts.show':
          shortcutsToggled(true)
          return
        case 'overlay.close':
          // Either toggle closes both overlays.
          paletteToggled(false)
          return
        case 'theme.toggle':
          themeChanged(theme === 'dark' ? 'light' : 'dark')
          return
        case 'code.run':
          // Where there is no code (a bare storage folder) or a run is live, there is nothing to do.
          if (workspace?.entry != null && !codeRunning) void codeRunRequested()
          return
        case 'code.cancel':
          if (codeRunning) void codeCancelRequested()
          return
        case 'workspace.trust':
          void codeTrustRequested(true)
          return
        case 'workspace.open': {
          // After the overlay closed and gave focus back, move it to the header's field.
          requestAnimationFrame(() => {
            const input = document.getElementById(WORKSPACE_PATH_INPUT_ID)
            if (input instanceof HTMLInputElement) {
              input.focus()
              input.select()
            }
          })
          return
        }
      }
    },
    [
      theme,
      paletteOpen,
      workspace,
      codeRunning,
      viewChanged,
      themeChanged,
      paletteToggled,
      shortcutsToggled,
      codeRunRequested,
      codeCancelRequested,
      codeTrustRequested,
    ],
  )
}
