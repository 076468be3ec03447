import type TypeScript from 'typescript'
type TypeScriptApi = typeof TypeScript

/**
 * `export { Shape }` of a local interface or type alias is valid TypeScript that ts-blank-space
 * keeps (it cannot know `Shape` is a type without looking around), and then no valid JavaScript.
 * Such specifiers are blanked too.
 */
export function blankLocalTypeExports(
  ts: TypeScriptApi,
  sourceFile: TypeScript.SourceFile,
  javascript: string,
): string {
  const types = new Set<string>()
  const values = new Set<string>()
  const exportLists: TypeScript.NamedExports[] = []
  for (const statement of sourceFile.statements) {
    if (ts.isInterfaceDeclaration(statement) || ts.isTypeAliasDeclaration(statement)) {
      types.add(statement.name.text)
    } else if (ts.isImportDeclaration(statement)) {
      for (const { name, typeOnly } of importedNames(ts, statement)) {
        if (typeOnly) types.add(name)
        else values.add(name)
      }
    } else if (
      ts.isExportDeclaration(statement) &&
      statement.moduleSpecifier === undefined &&
      statement.exportClause !== undefined &&
      ts.isNamedExports(statement.exportClause)
    ) {
      exportLists.push(statement.exportClause)
    } else {
      for (const name of declaredValueNames(ts, statement)) values.add(name)
    }
  }
  let blanked = javascript
  for (const list of exportLists) {
    for (const element of list.elements) {
      const local = (element.propertyName ?? element.name).text
      if (!types.has(local) || values.has(local)) continue
      let end = element.end
      while (end < blanked.length && /\s/.test(blanked[end] ?? '')) end++
      if (blanked[end] === ',') end++
      const start = element.getStart(sourceFile)
      blanked =
        blanked.slice(0, start) +
        blanked.slice(start, end).replace(/[^\r\n]/g, ' ') +
        blanked.slice(end)
    }
  }
  return blanked
}

/** Names a top-level statement other than an import declares as values. */
function declaredValueNames(ts: TypeScriptApi, statement: TypeScript.Statement): string[] {
  const names: string[] = []
  const bindingNames = (name: TypeScript.BindingName): void => {
    if (ts.isIdentifier(name)) names.push(name.text)
    else
      for (const element of name.elements)
        if (!ts.isOmittedExpression(element)) bindingNames(element.name)
  }
  if (ts.isVariableStatement(statement)) {
    for (const declaration of statement.declarationList.declarations) bindingNames(declaration.name)
  } else if (
    ts.isFunctionDeclaration(statement) ||
    ts.isClassDeclaration(statement) ||
    ts.isEnumDeclaration(statement) ||
    ts.isModuleDeclaration(statement) ||
    ts.isImportEqualsDeclaration(statement)
  ) {
    if (statement.name !== undefined && ts.isIdentifier(statement.name))
      names.push(statement.name.text)
  }
  return names
}

function importedNames(
  ts: TypeScriptApi,
  statement: TypeScript.ImportDeclaration,
): { name: string; typeOnly: boolean }[] {
  const clause = statement.importClause
  if (clause === undefined) return []
  const names =
    clause.name === undefined ? [] : [{ name: clause.name.text, typeOnly: clause.isTypeOnly }]
  const bindings = clause.namedBindings
  if (bindings !== undefined && ts.isNamespaceImport(bindings)) {
    names.push({ name: bindings.name.text, typeOnly: clause.isTypeOnly })
  } else if (bindings !== undefined) {
    for (const element of bindings.elements) {
      names.push({ name: element.name.text, typeOnly: clause.isTypeOnly || element.isTypeOnly })
    }
  }
  return names
}
