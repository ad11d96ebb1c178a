#!/usr/bin/env node
// Module boundaries, checked before the tests:
// - platform/ knows no business module;
// - a module reaches another module through its Nest module and service, or its pure vocabulary (`*.rules`, `*.labels`,
//   the pages it lends to others (`*.views`), the
//   `*.record` definition shared by the API and the import), never its repository, processor or controller. Entities may reference another module's entity: a foreign key is the database's business.
const { readdirSync, readFileSync, statSync } = require('node:fs');
const { dirname, join, relative, resolve, sep } = require('node:path');

const SRC = resolve(__dirname, '..', 'src');
const files = (dir) => readdirSync(dir).flatMap((name) => {
  const path = join(dir, name);
  return statSync(path).isDirectory() ? files(path) : /\.tsx?$/.test(path) ? [path] : [];
});
const moduleOf = (path) => {
  const parts = relative(SRC, path).split(sep);
  return parts[0] === 'modules' ? parts[1] : undefined;
};

const problems = [];
for (const file of files(SRC)) {
  const area = relative(SRC, file).split(sep)[0];
  const source = readFileSync(file, 'utf8');
  for (const [, specifier] of source.matchAll(/from '(\.[^']+)'/g)) {
    const target = resolve(dirname(file), specifier);
    const targetModule = moduleOf(target);
    if (area === 'platform' && relative(SRC, target).split(sep)[0] !== 'platform') {
      problems.push(`${relative(SRC, file)}: platform/ imports ${relative(SRC, target)}`);
    }
    const ownModule = moduleOf(file);
    if (targetModule && ownModule && targetModule !== ownModule) {
      const allowed = /\.(module|service|rules|record|labels|views)$|\/dto\//.test(target) || (/\.entit(y|ies)\.ts$/.test(file) && target.endsWith('.entity'));
      if (!allowed) problems.push(`${relative(SRC, file)}: module ${ownModule} reaches into ${relative(SRC, target)}`);
    }
  }
}
if (problems.length > 0) {
  console.error(`Module boundaries broken:\n  ${problems.join('\n  ')}`);
  process.exit(1);
}
console.log('Module boundaries respected.');
