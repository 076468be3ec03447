import type * as acorn from 'acorn'
import { type FunctionNode, type LocalComponent, hookOf } from './local-component'
import { normalizedSource } from './normalized-source'

type ClassNode = acorn.ClassDeclaration | acorn.AnonymousClassDeclaration | acorn.ClassExpression
type ClassMember = acorn.MethodDefinition | acorn.PropertyDefinition | acorn.StaticBlock

/** A member with its own component: a method, accessor, constructor or function-valued field. */
interface FunctionMember {
  readonly member: acorn.MethodDefinition | acorn.PropertyDefinition
  readonly fn: FunctionNode
  readonly baseName: string
  /** `get`, `set`, `static` or `static get`...: what tells same-named members apart. */
  readonly qualifier: string
}

/**
 * A class as components: its shell (`<Class>`: heritage, fields and static blocks, without the
 * member functions), then one function component per member function (`<Class>.<member>`),
 * each depending on the shell. `firstIndex` is the shell's local index.
 *
 * The shell leaves its member functions out entirely, so adding a method does not change it
 * (and with it every member's dependencies); each member is a component of its own.
 */
export function classComponents(
  className: string,
  binding: string,
  node: ClassNode,
  source: acorn.Node,
  firstIndex: number,
): LocalComponent[] {
  const members = node.body.body
  const functionMembers = members.flatMap(functionMemberOf)
  const shellMembers = members.filter(
    (member) => !functionMembers.some((functionMember) => functionMember.member === member),
  )
  const shellNode = {
    type: 'ClassExpression',
    id: null,
    superClass: node.superClass ?? null,
    body: { type: 'ClassBody', body: shellMembers },
  }
  const shell: LocalComponent = {
    name: className,
    kind: 'function',
    binding,
    start: source.start,
    end: source.end,
    ownerStart: node.start,
    ownerEnd: node.end,
    normalized: normalizedSource(shellNode as acorn.ClassExpression),
    // Field initializers run on every instantiation, with or without a constructor component.
    hooks: [{ kind: 'classBody', at: node.body.start + 1 }],
    shell: null,
    omitted: functionMembers.map(({ member }) => ({ start: member.start, end: member.end })),
  }
  const names = memberNames(functionMembers)
  const memberComponents = functionMembers.map(
    ({ member, fn, qualifier }, position): LocalComponent => ({
      name: `${className}.${names[position] ?? ''}`,
      kind: 'function',
      binding: null,
      start: member.start,
      end: member.end,
      ownerStart: member.start,
      ownerEnd: member.end,
      // The member's name is its id; its kind (getter, static...) is part of what it does.
      normalized: `${qualifier || 'method'} ${normalizedSource(fn.type === 'FunctionExpression' ? { ...fn, id: null } : fn)}`,
      hooks: [hookOf(fn)],
      shell: firstIndex,
      omitted: [],
    }),
  )
  return [shell, ...memberComponents]
}

function functionMemberOf(member: ClassMember): FunctionMember[] {
  if (member.type === 'StaticBlock') return []
  const fn = member.value
  if (fn == null || (fn.type !== 'FunctionExpression' && fn.type !== 'ArrowFunctionExpression')) {
    return []
  }
  const kind = member.type === 'MethodDefinition' ? member.kind : 'field'
  const qualifier = [member.static ? 'static' : '', kind === 'get' || kind === 'set' ? kind : '']
    .filter((word) => word !== '')
    .join(' ')
  return [{ member, fn, baseName: keyName(member), qualifier }]
}

function keyName(member: acorn.MethodDefinition | acorn.PropertyDefinition): string {
  const key = member.key
  if (key.type === 'PrivateIdentifier') return `#${key.name}`
  if (!member.computed && key.type === 'Identifier') return key.name
  if (key.type === 'Literal' && key.value !== null && typeof key.value !== 'object') {
    return String(key.value)
  }
  return `[${key.type === 'Identifier' ? key.name : '…'}]`
}

/**
 * Members are named by their key; only members sharing a key (a getter and its setter, a static
 * and an instance method) are qualified (`C.get x`, `C.set x`, `C.static m`), and exact
 * duplicates numbered.
 */
function memberNames(members: readonly FunctionMember[]): string[] {
  const countOf = (names: readonly string[], name: string) =>
    names.filter((other) => other === name).length
  const base = members.map((member) => member.baseName)
  const qualified = members.map((member, position) =>
    countOf(base, member.baseName) > 1 && member.qualifier !== ''
      ? `${member.qualifier} ${member.baseName}`
      : (base[position] ?? ''),
  )
  const seen = new Map<string, number>()
  return qualified.map((name) => {
    const occurrence = (seen.get(name) ?? 0) + 1
    seen.set(name, occurrence)
    return occurrence === 1 ? name : `${name}~${occurrence}`
  })
}
