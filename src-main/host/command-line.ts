/**
 * Reads `--name value` or `--name=value` from a process's arguments. Both bindings (Electron
 * main and the browser-mode server) take the same `--workspace` and `--port` options.
 */
export function readCommandLineOption(argv: readonly string[], name: string): string | undefined {
  const flag = `--${name}`
  for (let index = 0; index < argv.length; index++) {
    const argument = argv[index]
    if (argument === flag) return argv[index + 1]
    if (argument?.startsWith(`${flag}=`)) return argument.slice(flag.length + 1)
  }
  return undefined
}
