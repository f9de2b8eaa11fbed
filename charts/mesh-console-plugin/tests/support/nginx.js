// Reads a rendered nginx.conf into a tree and answers "which headers and type would nginx
// send for this URI", following nginx's documented location selection. There is no nginx on
// our machines, so this is how the tests check the config's behaviour.

/** Parses nginx syntax into [{name, args, block?}]. */
const parse = (text) => {
  const tokens = [];
  const re = /#[^\n]*|"((?:[^"\\]|\\.)*)"|'((?:[^'\\]|\\.)*)'|([{};])|([^\s{};"'#]+)/g;
  let m;
  while ((m = re.exec(text))) {
    if (m[0].startsWith('#')) continue;
    // nginx unescapes only \" \' and \\ inside quotes; "\." stays a regex escape.
    if (m[1] !== undefined) tokens.push({ word: m[1].replace(/\\(["'\\])/g, '$1') });
    else if (m[2] !== undefined) tokens.push({ word: m[2].replace(/\\(["'\\])/g, '$1') });
    else if (m[3]) tokens.push({ punct: m[3] });
    else tokens.push({ word: m[4] });
  }
  let i = 0;
  const block = () => {
    const out = [];
    let words = [];
    while (i < tokens.length) {
      const t = tokens[i++];
      if (t.word !== undefined) words.push(t.word);
      else if (t.punct === ';') {
        out.push({ name: words[0], args: words.slice(1) });
        words = [];
      } else if (t.punct === '{') {
        out.push({ name: words[0], args: words.slice(1), block: block() });
        words = [];
      } else if (t.punct === '}') {
        if (words.length) throw new Error(`nginx: directive without ";" before "}": ${words}`);
        return out;
      }
    }
    if (words.length) throw new Error(`nginx: unterminated directive ${words.join(' ')}`);
    return out;
  };
  const tree = block();
  if (i < tokens.length) throw new Error('nginx: unbalanced "}"');
  return tree;
};

const all = (block, name) => block.filter((d) => d.name === name);
const one = (block, name) => {
  const found = all(block, name);
  if (found.length !== 1) throw new Error(`nginx: expected one ${name}, found ${found.length}`);
  return found[0];
};

/** nginx's choice: "=" exact match, else the longest prefix; "^~" stops there, else the
 * first matching regex (in file order) wins over the prefix. */
const selectLocation = (server, uri) => {
  const locations = all(server, 'location').map((l) => {
    const [mod, pattern] = l.args.length === 2 ? l.args : ['', l.args[0]];
    return { mod, pattern, block: l.block };
  });
  const exact = locations.find((l) => l.mod === '=' && l.pattern === uri);
  if (exact) return exact;
  const prefixes = locations
    .filter((l) => (l.mod === '' || l.mod === '^~') && uri.startsWith(l.pattern))
    .sort((a, b) => b.pattern.length - a.pattern.length);
  const longest = prefixes[0];
  if (longest && longest.mod === '^~') return longest;
  const regex = locations.find(
    (l) =>
      (l.mod === '~' || l.mod === '~*') &&
      new RegExp(l.pattern, l.mod === '~*' ? 'i' : '').test(uri),
  );
  return regex || longest;
};

/** What a GET of `uri` gets: the location, its add_header set (nginx does not inherit a
 * parent's add_header into a location that has its own), and the Content-Type by extension. */
const respond = (conf, uri) => {
  const tree = parse(conf);
  const http = one(tree, 'http').block;
  const server = one(http, 'server').block;
  const location = selectLocation(server, uri);
  if (!location) return { status: 404 };
  const own = all(location.block, 'add_header');
  const headerDirectives = own.length ? own : all(server, 'add_header');
  const headers = Object.fromEntries(headerDirectives.map((d) => [d.args[0], d.args[1]]));
  const types = {};
  for (const t of one(http, 'types').block) t.args.forEach((ext) => (types[ext] = t.name));
  const ext = (/\.([^./]+)$/.exec(uri) || [])[1];
  const defaultType = (all(location.block, 'default_type')[0] || one(http, 'default_type')).args[0];
  return { location, headers, contentType: types[ext] || defaultType };
};

module.exports = { all, one, parse, respond, selectLocation };
