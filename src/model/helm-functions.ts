/**
 * Every function a Helm template (and so the chart's `tpl` over a config string) may call: Go's
 * text/template builtins, sprig v3's text function map less the two Helm removes (`env`,
 * `expandenv`), and Helm's own. `tpl` parses the whole string first, so a name missing here
 * (Vault's go-sockaddr `GetPrivateIP`, say) fails the install whichever branch it sits in.
 */
const GO_BUILTINS = ['and', 'call', 'html', 'index', 'slice', 'js', 'len', 'not', 'or', 'print', 'printf', 'println', 'urlquery', 'eq', 'ge', 'gt', 'le', 'lt', 'ne'];

const SPRIG = [
  'hello', 'ago', 'date', 'date_in_zone', 'date_modify', 'dateInZone', 'dateModify', 'duration', 'durationRound', 'htmlDate',
  'htmlDateInZone', 'must_date_modify', 'mustDateModify', 'mustToDate', 'now', 'toDate', 'unixEpoch',
  'abbrev', 'abbrevboth', 'trunc', 'trim', 'upper', 'lower', 'title', 'untitle', 'substr', 'repeat', 'trimall', 'trimAll',
  'trimSuffix', 'trimPrefix', 'nospace', 'initials', 'randAlphaNum', 'randAlpha', 'randAscii', 'randNumeric', 'randSeededNumeric',
  'swapcase', 'shuffle', 'snakecase', 'camelcase', 'kebabcase', 'wrap', 'wrapWith', 'contains', 'hasPrefix', 'hasSuffix', 'quote',
  'squote', 'cat', 'indent', 'nindent', 'replace', 'plural', 'sha1sum', 'sha256sum', 'sha512sum', 'adler32sum', 'toString',
  'atoi', 'int64', 'int', 'float64', 'seq', 'toDecimal', 'split', 'splitList', 'splitn', 'toStrings', 'until', 'untilStep',
  'add1', 'add', 'sub', 'div', 'mod', 'mul', 'randInt', 'add1f', 'addf', 'subf', 'divf', 'mulf', 'biggest', 'max', 'min', 'maxf',
  'minf', 'ceil', 'floor', 'round', 'join', 'sortAlpha', 'default', 'empty', 'coalesce', 'all', 'any', 'compact', 'mustCompact',
  'fromJson', 'toJson', 'toPrettyJson', 'toRawJson', 'mustFromJson', 'mustToJson', 'mustToPrettyJson', 'mustToRawJson', 'ternary',
  'deepCopy', 'mustDeepCopy', 'typeOf', 'typeIs', 'typeIsLike', 'kindOf', 'kindIs', 'deepEqual', 'getHostByName',
  'base', 'dir', 'clean', 'ext', 'isAbs', 'osBase', 'osClean', 'osDir', 'osExt', 'osIsAbs', 'b64enc', 'b64dec', 'b32enc', 'b32dec',
  'tuple', 'list', 'dict', 'get', 'set', 'unset', 'hasKey', 'pluck', 'keys', 'pick', 'omit', 'merge', 'mergeOverwrite', 'mustMerge',
  'mustMergeOverwrite', 'values', 'append', 'push', 'mustAppend', 'mustPush', 'prepend', 'mustPrepend', 'first', 'mustFirst',
  'rest', 'mustRest', 'last', 'mustLast', 'initial', 'mustInitial', 'reverse', 'mustReverse', 'uniq', 'mustUniq', 'without',
  'mustWithout', 'has', 'mustHas', 'slice', 'mustSlice', 'concat', 'dig', 'chunk', 'mustChunk', 'bcrypt', 'htpasswd',
  'genPrivateKey', 'derivePassword', 'buildCustomCert', 'genCA', 'genCAWithKey', 'genSelfSignedCert', 'genSelfSignedCertWithKey',
  'genSignedCert', 'genSignedCertWithKey', 'encryptAES', 'decryptAES', 'randBytes', 'uuidv4', 'semver', 'semverCompare', 'fail',
  'regexMatch', 'mustRegexMatch', 'regexFindAll', 'mustRegexFindAll', 'regexFind', 'mustRegexFind', 'regexReplaceAll',
  'mustRegexReplaceAll', 'regexReplaceAllLiteral', 'mustRegexReplaceAllLiteral', 'regexSplit', 'mustRegexSplit', 'regexQuoteMeta',
  'urlParse', 'urlJoin',
];

const HELM = [
  'include', 'tpl', 'required', 'lookup', 'toToml', 'fromToml', 'toYaml', 'mustToYaml', 'toYamlPretty', 'fromYaml', 'fromYamlArray',
  'toJson', 'mustToJson', 'fromJson', 'fromJsonArray',
];

const FUNCTIONS: ReadonlySet<string> = new Set([...GO_BUILTINS, ...SPRIG, ...HELM]);

/** Whether a Helm template may call a function of this name. */
export function isHelmFunction(name: string): boolean {
  return FUNCTIONS.has(name);
}
