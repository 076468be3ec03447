import { useAppStore } from '../../app/store-context'
import { CommandPalette } from './CommandPalette'
import { useShellHostCalls } from './shell-host'
import { ShortcutsSheet } from './ShortcutsSheet'
import { useGlobalShortcuts } from './use-global-shortcuts'
import { useShellCommands } from './use-shell-commands'
import './shell.css'

/** The app-wide keyboard shortcuts, the command palette and the shortcuts sheet. */
export function ShellOverlays() {
  const paletteOpen = useAppStore((state) => state.paletteOpen)
  const shortcutsOpen = useAppStore((state) => state.shortcutsOpen)
  const runCommand = useShellCommands()
  const calls = useShellHostCalls()
  useGlobalShortcuts(runCommand)
  if (paletteOpen) return <CommandPalette calls={calls} runCommand={runCommand} />
  if (shortcutsOpen) return <ShortcutsSheet />
  return null
}
