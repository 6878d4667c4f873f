// Synthetic credential generators for the detection corpus. Every value is freshly random
// (node:crypto), shaped like the real format so that a scanner has to recognise the format,
// not a memorised example. Nothing here is, or was ever, a live credential.
import { Buffer } from 'node:buffer';
import { randomBytes, randomInt, generateKeyPairSync } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export const UPPER = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';
export const LOWER = 'abcdefghijklmnopqrstuvwxyz';
export const DIGITS = '0123456789';
export const ALNUM = UPPER + LOWER + DIGITS;
export const HEX = '0123456789abcdef';
export const B64 = ALNUM + '+/';
export const B64URL = ALNUM + '-_';
export const BASE32 = UPPER + '234567';
export const BASE62 = DIGITS + UPPER + LOWER;

export function pick(alphabet, n) {
  let out = '';
  for (let i = 0; i < n; i++) out += alphabet[randomInt(alphabet.length)];
  return out;
}
export const hex = (n) => pick(HEX, n);
export const HEXUP = '0123456789ABCDEF';
export const alnum = (n) => pick(ALNUM, n);
export const lower = (n) => pick(LOWER + DIGITS, n);
export const digits = (n) => pick('123456789', 1) + pick(DIGITS, n - 1);
export const b64url = (n) => pick(B64URL, n);
export const b64chars = (n) => pick(B64, n);
export const base64Of = (bytes) => randomBytes(bytes).toString('base64');
export const b64 = (s) => Buffer.from(s).toString('base64');
export const b64u = (s) => Buffer.from(s).toString('base64url');
export const uuid = () => {
  const h = hex(32);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`;
};

/** A password a person or a password manager would set: mixed classes, 14-24 chars. */
export function password(n = 14 + randomInt(10)) {
  const symbols = '!#%^*-_+=.@';
  let p = pick(UPPER, 1) + pick(LOWER, 1) + pick(DIGITS, 1) + pick(symbols, 1) + pick(ALNUM + symbols, n - 4);
  // shuffle
  const a = [...p];
  for (let i = a.length - 1; i > 0; i--) {
    const j = randomInt(i + 1);
    [a[i], a[j]] = [a[j], a[i]];
  }
  p = a.join('');
  return p;
}
/** A URL-safe password (goes inside connection URLs unescaped). */
export const urlPassword = (n = 16 + randomInt(8)) => pick(UPPER, 1) + pick(ALNUM, n - 2) + pick(DIGITS, 1);

const CRC_TABLE = (() => {
  const t = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    t[n] = c >>> 0;
  }
  return t;
})();
export function crc32(text) {
  let c = 0xffffffff;
  for (const byte of Buffer.from(text)) c = CRC_TABLE[(c ^ byte) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}
function base62(n, width) {
  let out = '';
  while (n > 0) {
    out = BASE62[n % 62] + out;
    n = Math.floor(n / 62);
  }
  return out.padStart(width, '0');
}
/** GitHub classic/OAuth/app tokens and npm tokens: prefix + 30 random + base62(CRC32(random)) in 6. */
export function checksummed(prefix) {
  const body = alnum(30);
  return prefix + body + base62(crc32(body), 6);
}

export const aws = {
  keyId: () => 'AKIA' + pick(BASE32, 16),
  tempKeyId: () => 'ASIA' + pick(BASE32, 16),
  secret: () => b64chars(40),
  session: () => 'IQoJb3JpZ2luX2VjE' + b64chars(300) + '=',
};
export const gh = {
  pat: () => checksummed('ghp_'),
  oauth: () => checksummed('gho_'),
  app: () => checksummed('ghs_'),
  user: () => checksummed('ghu_'),
  refresh: () => checksummed('ghr_'),
  fine: () => 'github_pat_11' + pick(BASE32, 20) + '_' + alnum(59),
};
export const npmToken = () => checksummed('npm_');
export const gcpKey = () => 'AIzaSy' + b64url(33);
export const glpat = () => 'glpat-' + b64url(20);
export const pypi = () => 'pypi-AgEIcHlwaS5vcmcCJ' + b64url(36) + 'AAIqWzMsIj' + b64url(110);
export const slack = {
  bot: () => `xoxb-${digits(12)}-${digits(13)}-${alnum(24)}`,
  user: () => `xoxp-${digits(12)}-${digits(12)}-${digits(13)}-${hex(32)}`,
  app: () => `xapp-1-A0${pick(UPPER + DIGITS, 9)}-${digits(13)}-${hex(64)}`,
  webhook: () => `https://hooks.slack.com/services/T0${pick(UPPER + DIGITS, 8)}/B0${pick(UPPER + DIGITS, 9)}/${alnum(24)}`,
};
export const stripe = {
  secret: () => 'sk_live_51' + alnum(12) + alnum(87),
  restricted: () => 'rk_live_51' + alnum(97),
  shortSecret: () => 'sk_live_' + alnum(24),
  webhook: () => 'whsec_' + alnum(32),
  publishable: () => 'pk_live_51' + alnum(97),
};
export const twilio = {
  sid: () => 'AC' + hex(32),
  token: () => hex(32),
  apiKey: () => 'SK' + hex(32),
};
export const sendgrid = () => 'SG.' + b64url(22) + '.' + b64url(43);
export const mailgun = () => `${hex(32)}-${hex(8)}-${hex(8)}`;
export const mailgunOld = () => 'key-' + hex(32);
export const openai = () => 'sk-proj-' + b64url(74) + 'T3BlbkFJ' + b64url(74);
export const openaiLegacy = () => 'sk-' + alnum(20) + 'T3BlbkFJ' + alnum(20);
export const anthropic = () => 'sk-ant-api03-' + b64url(93) + 'AA';
export const hf = () => 'hf_' + pick(UPPER + LOWER, 34);
export const shopify = { admin: () => 'shpat_' + hex(32), shared: () => 'shpss_' + hex(32) };
export const digitalocean = () => 'dop_v1_' + hex(64);
export const doppler = () => 'dp.st.prd.' + alnum(43);
export const vault = () => 'hvs.CAESI' + b64url(47) + 'Gh4KHGh2cy5' + alnum(28);
export const tfc = () => alnum(14) + '.atlasv1.' + alnum(67);
export const atlassian = () => 'ATATT3xFfGF0' + b64url(170) + '=' + HEXUP[randomInt(16)] + pick(HEXUP, 7);
export const notion = () => 'ntn_' + digits(11) + alnum(35);
export const notionOld = () => 'secret_' + alnum(43);
export const linear = () => 'lin_api_' + alnum(40);
export const postman = () => `PMAK-${hex(24)}-${hex(34)}`;
export const telegram = () => `${digits(10)}:AA${b64url(33)}`;
export const discordBot = () => `${b64(digits(19)).replace(/=+$/, '')}.${b64url(6)}.${b64url(38)}`;
export const discordWebhook = () => `https://discord.com/api/webhooks/${digits(19)}/${b64url(68)}`;
export const teamsWebhook = () =>
  `https://contoso.webhook.office.com/webhookb2/${uuid()}@${uuid()}/IncomingWebhook/${hex(32)}/${uuid()}`;
export const fcmServerKey = () => `AAAA${b64url(7)}:APA91b${b64url(134)}`;
export const mapbox = () => `sk.eyJ1IjoiYWNtZS1tYXBzIiwiYSI6ImNs${b64url(22)}In0.${b64url(22)}`;
export const sentryToken = () => 'sntrys_' + b64u(JSON.stringify({ iat: 1700000000 + randomInt(9e6), url: 'https://sentry.io', region_url: 'https://us.sentry.io', org: 'acme' })) + '_' + b64url(43);
export const sentryDsn = () => `https://${hex(32)}@o${digits(6)}.ingest.sentry.io/${digits(7)}`;
export const datadog = { api: () => hex(32), app: () => hex(40) };
export const azure = {
  storageKey: () => base64Of(64),
  sasSig: () => encodeURIComponent(base64Of(32)),
  sbKey: () => base64Of(32),
  clientSecret: () => pick(ALNUM, 3) + pick(DIGITS, 1) + 'Q~' + pick(ALNUM + '-_.~', 34),
};
export const gcpClientSecret = () => 'GOCSPX-' + b64url(28);
export const alibaba = { id: () => 'LTAI5t' + alnum(18), secret: () => alnum(30) };
export const newrelic = () => 'NRAK-' + pick(UPPER + DIGITS, 27);
export const grafana = () => 'glsa_' + alnum(32) + '_' + hex(8);
export const supabase = () => 'sbp_' + hex(40);
export const planetscale = () => 'pscale_tkn_' + b64url(43);
export const pulumi = () => 'pul-' + hex(40);
export const databricks = () => 'dapi' + hex(32);
export const dockerHubPat = () => 'dckr_pat_' + b64url(27);
export const groq = () => 'gsk_' + alnum(52);
export const replicate = () => 'r8_' + alnum(37);
export const airtable = () => 'pat' + alnum(14) + '.' + hex(64);
export const squareToken = () => 'EAAA' + b64url(60);
const BECH32 = 'qpzry9x8gf2tvdw0s3jn54khce6mua7l';
function bech32Polymod(values) {
  const GEN = [0x3b6a57b2, 0x26508e6d, 0x1ea119fa, 0x3d4233dd, 0x2a1462b3];
  let chk = 1;
  for (const v of values) {
    const top = chk >>> 25;
    chk = ((chk & 0x1ffffff) << 5) ^ v;
    for (let i = 0; i < 5; i++) if ((top >>> i) & 1) chk ^= GEN[i];
  }
  return chk >>> 0;
}
/** Bech32 (BIP 173) of random bytes: what age uses for its keys, checksum included. */
export function bech32(hrp, bytes) {
  const data = [];
  let acc = 0;
  let bits = 0;
  for (const b of bytes) {
    acc = (acc << 8) | b;
    bits += 8;
    while (bits >= 5) {
      bits -= 5;
      data.push((acc >>> bits) & 31);
    }
  }
  if (bits > 0) data.push((acc << (5 - bits)) & 31);
  const expand = [...hrp].map((c) => c.charCodeAt(0) >> 5).concat([0], [...hrp].map((c) => c.charCodeAt(0) & 31));
  const mod = bech32Polymod([...expand, ...data, 0, 0, 0, 0, 0, 0]) ^ 1;
  const checksum = Array.from({ length: 6 }, (_, i) => (mod >>> (5 * (5 - i))) & 31);
  return hrp + '1' + [...data, ...checksum].map((d) => BECH32[d]).join('');
}
export const ageKey = () => bech32('age-secret-key-', randomBytes(32)).toUpperCase();
export const agePublic = () => bech32('age', randomBytes(32));
export const sonar = () => 'squ_' + hex(40);
export const rubygems = () => 'rubygems_' + hex(48);
export const nugetKey = () => 'oy2' + pick(LOWER + DIGITS, 43);
export const jfrog = () => 'AKCp8' + alnum(68);
export const braintree = () => `access_token$production$${lower(16)}$${hex(32)}`;
export const okta = () => '00' + b64url(40);
export const langsmith = () => `lsv2_pt_${hex(32)}_${hex(10)}`;
export const herokuKey = () => uuid();
export const cloudflareToken = () => b64url(40);
export const bitbucketAppPassword = () => 'ATBB' + alnum(32) + pick(HEXUP, 8);
export const hubspot = () => `pat-na1-${uuid()}`;
export const perplexity = () => 'pplx-' + alnum(48);
export const fly = () => 'FlyV1 fm2_' + b64url(120);
export const netlify = () => 'nfp_' + alnum(36);
export const render = () => 'rnd_' + alnum(32);
export const contentful = () => 'CFPAT-' + b64url(43);
export const gitlabRunner = () => 'glrt-' + b64url(20);
export const googleRefresh = () => '1//0' + b64url(99);
export const googleOauthClientId = () => `${digits(12)}-${lower(32)}.apps.googleusercontent.com`;

export function jwt(payload, alg = 'HS256') {
  const header = b64u(JSON.stringify({ alg, typ: 'JWT' }));
  const body = b64u(JSON.stringify(payload));
  const sigLen = alg === 'RS256' ? 342 : 43;
  return `${header}.${body}.${b64url(sigLen)}`;
}

export function rsaPem() {
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048, privateKeyEncoding: { type: 'pkcs1', format: 'pem' }, publicKeyEncoding: { type: 'spki', format: 'pem' } });
  return privateKey.trimEnd();
}
export function pkcs8Pem() {
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048, privateKeyEncoding: { type: 'pkcs8', format: 'pem' }, publicKeyEncoding: { type: 'spki', format: 'pem' } });
  return privateKey.trimEnd();
}
export function ecPem() {
  const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'prime256v1', privateKeyEncoding: { type: 'sec1', format: 'pem' }, publicKeyEncoding: { type: 'spki', format: 'pem' } });
  return privateKey.trimEnd();
}
export function publicPem() {
  const { publicKey } = generateKeyPairSync('ec', { namedCurve: 'prime256v1', privateKeyEncoding: { type: 'sec1', format: 'pem' }, publicKeyEncoding: { type: 'spki', format: 'pem' } });
  return publicKey.trimEnd();
}
export function opensshKey(type = 'ed25519') {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'lp-eval-'));
  try {
    const file = path.join(dir, 'id');
    const args = ['-q', '-t', type, '-N', '', '-C', 'deploy@ci', '-f', file];
    if (type === 'rsa') args.push('-b', '2048');
    execFileSync('ssh-keygen', args);
    return { priv: readFileSync(file, 'utf8').trimEnd(), pub: readFileSync(file + '.pub', 'utf8').trimEnd() };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
