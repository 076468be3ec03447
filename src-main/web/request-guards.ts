/**
 * Browser mode listens on 127.0.0.1 only, but a web page the user visits can still make their
 * browser talk to it. These checks close the two classic holes:
 * - DNS rebinding: a hostile name resolving to 127.0.0.1 sends its own name in `Host`;
 * - cross-site WebSockets: browsers do not apply CORS to WebSockets, only `Origin` tells.
 */
const LOOPBACK_NAMES = ['127.0.0.1', 'localhost'] as const

export function allowedHosts(port: number): readonly string[] {
  return LOOPBACK_NAMES.map((name) => `${name}:${port}`)
}

export function allowedOrigins(port: number): readonly string[] {
  return allowedHosts(port).map((host) => `http://${host}`)
}

export function isAllowedHost(hostHeader: string | undefined, port: number): boolean {
  return hostHeader !== undefined && allowedHosts(port).includes(hostHeader.toLowerCase())
}

export function isAllowedOrigin(originHeader: string | undefined, port: number): boolean {
  return originHeader !== undefined && allowedOrigins(port).includes(originHeader.toLowerCase())
}
