import type { RuleSpec } from '../types.js';
import {
  DOC_HOSTS,
  LOCAL_DEFAULT_CREDENTIALS,
  USER_EQUALS_PASSWORD_ANY_HOST,
  decodeBase64,
  hasLetterAndDigit,
  isPlaceholderPassword,
  isPrintableAscii,
  isWeakDefaultPassword,
} from './b-shared.js';

/** Base64 of `user:password` with a real password (printable, not a placeholder). */
function isBasicCredential(encoded: string): boolean {
  const decoded = decodeBase64(encoded);
  if (decoded === undefined || !isPrintableAscii(decoded)) return false;
  const colon = decoded.indexOf(':');
  if (colon < 0) return false;
  const password = decoded.slice(colon + 1);
  return password.length > 0 && !isPlaceholderPassword(password) && decoded.slice(0, colon) !== password;
}

/**
 * Base64 of a printable password (npm `_password`, Kubernetes Secret data). A trailing newline, left by
 * `echo` without `-n`, is ignored; password hashes (`$apr1$…`, `user:$2y$…`) are not credentials themselves.
 */
function isBase64Password(encoded: string): boolean {
  const decoded = decodeBase64(encoded)?.replace(/\r?\n$/, '');
  if (decoded === undefined || decoded.length < 4 || !isPrintableAscii(decoded)) return false;
  if (/^(?:[^:$]{1,64}:)?\$[0-9a-z]{1,6}\$/.test(decoded)) return false;
  return !isPlaceholderPassword(decoded);
}

/** A kubeconfig client-key-data value is a base64-encoded PEM private key. */
function isBase64PemPrivateKey(encoded: string): boolean {
  const decoded = decodeBase64(encoded);
  return decoded !== undefined && /^-----BEGIN [A-Z ]*PRIVATE KEY-----/.test(decoded);
}

const notPlaceholder = (password: string): boolean => !isPlaceholderPassword(password);

/**
 * A .netrc password worth reporting. netrc allows quoting and backslash escapes, and parser tests
 * exercise them with short stand-ins (`"pass"`, `\\"pass`, `#pass`, `\\xa1\\xa2`): those
 * characters are dropped before judging, and what is left must be at least 6 characters long.
 */
function isNetrcPassword(password: string): boolean {
  if (/\\x[0-9a-f]{2}/i.test(password)) return false;
  const bare = password.replace(/["'\\#]/g, '');
  return bare.length >= 6 && notPlaceholderOrDefault(bare);
}

/** For command lines, which name no host to judge by: development defaults are skipped too. */
const notPlaceholderOrDefault = (password: string): boolean => !isPlaceholderPassword(password) && !isWeakDefaultPassword(password);

/**
 * URL schemes whose userinfo commonly carries a password. Database and broker schemes have their
 * own rules (b-databases.ts) so that their findings name the service.
 */
const URL_SCHEMES =
  'https?|ftps?|ftpes|sftp|smtps?|submissions?|imaps?|pop3s?|ssh|git|git\\+https?|git\\+ssh|svn(?:\\+ssh)?|ldaps?|wss?|rtsps?|rtmps?|socks[45]?h?|telnet|rsync|webdavs?|davs?|smb|cifs|nntp|xmpp|sips?|vnc|proxy';

/** Credentials embedded in URLs, HTTP headers, command lines and client configuration files. */
export const authRules: readonly RuleSpec[] = [
  {
    id: 'url-basic-auth',
    description: 'Password embedded in a URL (scheme://user:password@host)',
    severity: 'high',
    keywords: ['://'],
    pattern: `(?<![A-Za-z0-9+.-])(?:${URL_SCHEMES})://[^\\s:@/?#"'\`<>]{0,128}:(?<secret>[^\\s:/?#"'\`<>]{1,256})@(?:[A-Za-z0-9._%-]{1,253}|\\[[0-9A-Fa-f:.]{2,45}\\])`,
    flags: 'i',
    validate: notPlaceholder,
    allowlist: { matchPatterns: [...LOCAL_DEFAULT_CREDENTIALS, USER_EQUALS_PASSWORD_ANY_HOST, DOC_HOSTS] },
    remedy: 'Change the password or revoke the token in the URL, and pass credentials through a credential helper or secret store instead.',
    examples: {
      match: [
        'https://deploy-bot:B1sGBPHJcXehHoKfh8lO@git.corp.internal/platform/infra.git',
        'pip install --index-url https://ci:hkh1GTmKvBSxdcUO@pypi.corp.io/simple/ internal-lib',
        'SMTP_URL=smtps://alerts%40corp.io:rbyFMjKDqMCXnEhJ@smtp.mailhost.net:465',
        'https://oauth2:Hvnt5gMFWK0xz-whndQ30eXOvx@gitlab.corp.io',
        'proxy = http://svc-proxy:NgKxdYP1EBYg@10.0.0.5:3128',
      ],
      noMatch: [
        'https://user:password@example.com/path',
        'git clone https://${GIT_USER}:${GIT_TOKEN}@github.com/org/repo.git',
        'https://user:****@registry.corp.io',
        'https://admin:pass@localhost:8080',
        'ssh://git@github.com:22/org/repo.git',
        'http://localhost:8080/api?next=@home',
        'https://jane:cgIoA4NCDDpqw3n9@example.com/login',
        'https://:@host.corp.io',
        'driver.get("https://admin:admin@the-internet.herokuapp.com/basic_auth")',
        'fabric-ca-client enroll -u https://admin:adminpw@localhost:7054 --caname ca',
        'rawURL: "https://admin:secret123@192.168.1.100:8080/api",',
      ],
    },
  },
  {
    id: 'http-basic-auth-header',
    description: 'HTTP Basic authorization header with base64 user:password',
    severity: 'high',
    keywords: ['basic'],
    pattern: '(?<![A-Za-z0-9_-])Basic[ \\t]{1,4}(?<secret>[A-Za-z0-9+/]{8,400}={0,2})(?![A-Za-z0-9+/=_-])',
    flags: 'i',
    validate: isBasicCredential,
    // The client credentials of RFC 6749's examples, quoted by every OAuth library.
    allowlist: { secretPatterns: ['^czZCaGRSa3F0MzpnWDFmQmF0M2JW$'] },
    remedy: 'Change the password encoded in the header (it is only base64, not encrypted) and load it from a secret store.',
    examples: {
      match: [
        'curl -H "Authorization: Basic c3ZjLXdjYXZ1OlJockxsTGxUaTZJUTdZWkoyTw==" https://jenkins.corp.io/api/json',
        "headers = {'Authorization': 'Basic c3ZjLWpwZ2hrOmJ3ZVJ0dTVCa1JYcGlaMXM1SQ=='}",
      ],
      noMatch: [
        'curl -H "Authorization: Basic dXNlcjpwYXNzd29yZA==" https://api.local',
        'curl -H "Authorization: Basic $(echo -n $USER:$PASS | base64)"',
        'Use Basic authentication for the admin endpoints.',
      ],
    },
  },
  {
    id: 'http-bearer-token',
    description: 'Bearer token written into an Authorization header or request code',
    severity: 'high',
    keywords: ['bearer'],
    pattern: '(?<![A-Za-z0-9_-])Bearer[ \\t]{1,4}(?<secret>[A-Za-z0-9._~+/-]{20,1000}={0,2})(?![A-Za-z0-9._~+/=-])',
    entropy: 3.5,
    validate: (token: string): boolean => hasLetterAndDigit(token) && !token.startsWith('eyJ'),
    remedy: 'Revoke the token with the service that issued it and read it from the environment or a secret store at run time.',
    examples: {
      match: [
        'curl -H "Authorization: Bearer 6fc1CJp0sPe5z4nLBq1WEfv0EU2qUONi738znzP1" https://api.corp.io/v2/orders',
        "fetch(url, { headers: { Authorization: 'Bearer 38JbzVsH9lhT5jD0L5sniAKIuo0JH1tQ' } })",
      ],
      noMatch: [
        'curl -H "Authorization: Bearer $API_TOKEN" https://api.corp.io',
        "headers: { Authorization: `Bearer ${token}` }",
        'Authorization: Bearer <access_token>',
        'Authorization: Bearer YOUR_ACCESS_TOKEN_HERE',
      ],
    },
  },
  {
    id: 'curl-user-credentials',
    description: 'Password passed to curl with -u/--user',
    severity: 'high',
    keywords: ['curl'],
    pattern:
      '(?<![A-Za-z0-9_-])curl(?:[^\\n\\\\]|\\\\[\\s\\S]){0,400}?[ \\t](?:-u|--user)[ \\t=]{1,4}["\']?[^\\s:"\'$]{1,128}:(?<secret>[^\\s"\']{2,256})',
    validate: notPlaceholderOrDefault,
    remedy: 'Change the password or revoke the token, and let curl read it from a .netrc with tight permissions or from the environment.',
    examples: {
      match: [
        'curl -fsS -u deploy:EYO3x8QTfdc8yrBM https://nexus.corp.io/repository/releases/app.jar -O',
        'curl -X POST \\\n  --user "ci-bot:D2IrnOJ46CDOISHowFV8" \\\n  https://jenkins.corp.io/job/build/build',
      ],
      noMatch: ['curl -u admin:admin http://localhost:8080', 'curl -u "$USER:$PASSWORD" https://api.corp.io', 'curl -u user:password https://api.corp.io'],
    },
  },
  {
    id: 'docker-login-password',
    description: 'Password passed to docker login with -p/--password',
    severity: 'high',
    keywords: ['docker login'],
    pattern: 'docker[ \\t]+login(?![A-Za-z0-9-])[^\\n]{0,200}?[ \\t](?:-p|--password)[ \\t=]{1,4}["\']?(?<secret>[^\\s"\'$]{3,256})',
    validate: notPlaceholderOrDefault,
    remedy: 'Revoke the registry password or token and use --password-stdin with a secret from the CI store.',
    examples: {
      match: ['docker login -u ci -p kaKZ9V5GtqY1QlUN3ttmvsE0 registry.corp.io', 'run: docker login --username bot --password=sgxUjeMQHnmFffTnOy7Z ghcr.io'],
      noMatch: ['docker login -u ci -p $REGISTRY_PASSWORD registry.corp.io', 'echo "$PW" | docker login -u ci --password-stdin registry.corp.io'],
    },
  },
  {
    id: 'sshpass-password',
    description: 'Password passed on the command line to sshpass -p',
    severity: 'high',
    keywords: ['sshpass'],
    pattern: 'sshpass[ \\t]+-p[ \\t]{0,4}["\']?(?<secret>[^\\s"\'$]{3,256})',
    validate: notPlaceholderOrDefault,
    remedy: 'Change the SSH password and switch to key-based authentication.',
    examples: {
      match: ["sshpass -p 'SpbHA77WJIk6ue' ssh deploy@10.0.4.17 'systemctl restart app'"],
      noMatch: ['sshpass -p "$SSH_PASS" ssh deploy@10.0.4.17', 'sshpass -e ssh deploy@host'],
    },
  },
  {
    id: 'mysql-cli-password',
    description: 'Password passed to a MySQL client with -p<password> or --password=',
    severity: 'high',
    keywords: ['mysql'],
    pattern: '(?<![A-Za-z0-9_-])mysql(?:dump|admin|import|sh|slap|check)?(?![A-Za-z0-9_-])[^\\n]{0,200}?[ \\t](?:-p|--password=)(?<secret>[^\\s"\'$-][^\\s"\'$]{2,127})',
    validate: notPlaceholderOrDefault,
    remedy: 'Change the MySQL password and use an option file (~/.my.cnf, mode 600) or login paths instead of the command line.',
    examples: {
      match: ['mysqldump -h db.prod -u backup -pAgP4xhHnnQ0tpn shop > shop.sql', 'mysql -u root --password=4Qsg1SejA3xHEVqo -e "SHOW DATABASES"'],
      noMatch: ['mysql -u root -p -e "SHOW DATABASES"', 'mysql -u root -p$MYSQL_ROOT_PASSWORD', 'mysql -h db -P 3306 -u app -ppassword'],
    },
  },
  {
    id: 'npmrc-auth-token',
    description: 'npm/yarn registry auth token in .npmrc (_authToken) or .yarnrc.yml (npmAuthToken)',
    severity: 'critical',
    keywords: ['_authtoken', 'npmauthtoken'],
    pattern: '(?:_authToken[ \\t]*=|npmAuthToken["\']?[ \\t]*:)[ \\t]*["\']?(?<secret>[A-Za-z0-9._~+/=-]{16,512})(?![A-Za-z0-9._~+/=-])',
    validate: hasLetterAndDigit,
    remedy: 'Revoke the token with the registry (npm token revoke, or the private registry UI) and inject it from CI secrets via ${NPM_TOKEN}.',
    examples: {
      match: [
        '//registry.npmjs.org/:_authToken=2b9edc31-516e-4b62-3633-d290d4298957',
        '//npm.pkg.github.com/:_authToken="3saajTJWdv6wWAIBmur0GrF8qSMO6iflRmh_hHci"',
        'npmRegistries:\n  "https://npm.corp.io":\n    npmAuthToken: yleafX2SediZFn_nCq-t22NKHScQQRjesUMWY54B',
      ],
      noMatch: ['//registry.npmjs.org/:_authToken=${NPM_TOKEN}', '//registry.npmjs.org/:_authToken=NPM_TOKEN_FROM_ENV'],
    },
  },
  {
    id: 'npmrc-basic-auth',
    description: 'npm/yarn registry basic credentials in .npmrc (_auth) or .yarnrc.yml (npmAuthIdent)',
    severity: 'critical',
    keywords: ['_auth', 'npmauthident'],
    pattern: '(?:_auth[ \\t]*=|npmAuthIdent["\']?[ \\t]*:)[ \\t]*["\']?(?<secret>[A-Za-z0-9+/]{8,400}={0,2})(?![A-Za-z0-9+/=])',
    validate: isBasicCredential,
    remedy: 'Change the registry password and replace _auth with a scoped token injected from CI secrets.',
    examples: {
      match: ['registry=https://nexus.corp.io/repository/npm/\n_auth=c3ZjLWdob2ZlOnJQRkIwZ2dnYWVKRE9YR2xHZQ==\nalways-auth=true'],
      noMatch: ['_auth=${NPM_AUTH}', '_auth=dXNlcjpwYXNzd29yZA=='],
    },
  },
  {
    id: 'npmrc-password',
    description: 'npm registry password (base64) in .npmrc (_password)',
    severity: 'critical',
    keywords: ['_password'],
    pattern: ':_password[ \\t]*=[ \\t]*["\']?(?<secret>[A-Za-z0-9+/]{4,400}={0,2})(?![A-Za-z0-9+/=])',
    validate: isBase64Password,
    remedy: 'Change the registry password and replace it with a scoped token injected from CI secrets.',
    examples: {
      match: ['//nexus.corp.io/repository/npm/:username=ci\n//nexus.corp.io/repository/npm/:_password=NEdqaEt0eThjTllYVGUyeXlY'],
      noMatch: ['//nexus.corp.io/repository/npm/:_password=${NPM_PASS}', '//nexus.corp.io/repository/npm/:_password=cGFzc3dvcmQ='],
    },
  },
  {
    id: 'pypirc-password',
    description: 'Package index password or token in .pypirc',
    severity: 'critical',
    keywords: ['[pypi]', '[testpypi]', 'repository'],
    pattern:
      '(?:\\[(?:pypi|testpypi)\\]|(?<![A-Za-z0-9_-])repository[ \\t]*[:=])[^\\[]{0,800}?\\n[ \\t]*password[ \\t]*[:=][ \\t]*(?<secret>[^\\s]{3,256})',
    validate: notPlaceholder,
    remedy: 'Revoke the token (or change the password) on the package index and use keyring or CI trusted publishing instead.',
    examples: {
      match: [
        '[distutils]\nindex-servers = pypi\n\n[pypi]\nusername = __token__\npassword = pypi-0y4D4BqwBCXpKqoxSC38r6VNZWg4-AOzve71b8PZpaqFv4lDtUHSF1oKyhFxZcDqyD8cB4bhYe8skwG5',
        '[internal]\nrepository = https://nexus.corp.io/repository/pypi-internal/\nusername = deploy\npassword = akV2cV2JVjdE4Ele',
      ],
      noMatch: ['[pypi]\nusername = __token__\npassword = <your PyPI token>', '[pypi]\nusername = __token__\npassword = ${PYPI_TOKEN}'],
    },
  },
  {
    id: 'netrc-credentials',
    description: 'Password in a .netrc machine entry',
    severity: 'high',
    keywords: ['machine'],
    pattern:
      '(?<![A-Za-z0-9_-])machine[ \\t]+(?:localhost|[A-Za-z0-9-]{1,63}(?:\\.[A-Za-z0-9-]{1,63}){1,10})(?:\\s+(?:login|account|port)[ \\t]+[^\\s]{1,256}){0,3}\\s+password[ \\t]+"?(?<secret>[^\\s"]{2,256})',
    validate: isNetrcPassword,
    allowlist: { matchPatterns: ['^machine[ \\t]+(?:[A-Za-z0-9-]{1,63}\\.)*example\\.(?:com|org|net)(?![A-Za-z0-9.-])'] },
    remedy: 'Change the password or revoke the token for that host and keep .netrc out of the repository.',
    examples: {
      match: [
        'machine api.heroku.com\n  login ops@corp.io\n  password fc1783ce-aba5-9cb7-8e06-f494649b9d2a',
        'machine nexus.corp.io login ci password WE3A8a55Ug5R5NRols0p',
        'machine registry.corp.io login deploy password "q7#Lm2vT9xRk"',
      ],
      noMatch: [
        'machine api.heroku.com login me@corp.io password <token>',
        'machine github.com login bot password $GITHUB_TOKEN',
        'machine example.com\nlogin daniel\npassword Zq8LmW2x',
        'Every build machine learning password rotation policies apply.',
        'machine host.domain.com login log password "\\"pass" account acct',
        'machine foo.domain.com login bar password #pass #comment',
        'machine host.domain.com login log password \\xa1\\xa2 account acct',
      ],
    },
  },
  {
    id: 'docker-config-auth',
    description: 'Registry credentials in a Docker config.json ("auth": base64 user:password)',
    severity: 'critical',
    keywords: ['"auth"'],
    pattern: '"auth"[ \\t]*:[ \\t]*"(?<secret>[A-Za-z0-9+/]{8,800}={0,2})"',
    validate: isBasicCredential,
    remedy: 'Revoke the registry password or token, run docker logout, and use a credential helper (credsStore) instead.',
    examples: {
      match: ['{\n  "auths": {\n    "registry.corp.io": {\n      "auth": "c3ZjLXdheWN6OkZvTkVzbHdNWGw0TjhVVGlqUQ=="\n    }\n  }\n}'],
      noMatch: ['{"auths": {"registry.corp.io": {"auth": ""}}}', '{"auths": {"registry.corp.io": {"auth": "dXNlcjpwYXNzd29yZA=="}}}'],
    },
  },
  {
    id: 'maven-settings-password',
    description: 'Plain-text password in Maven settings.xml (or another XML config) <password> element',
    severity: 'high',
    keywords: ['<password>'],
    pattern: '<password>[ \\t]*(?<secret>[^<\\s]{3,256})[ \\t]*</password>',
    validate: notPlaceholder,
    remedy: 'Change the repository password and use an encrypted password (mvn --encrypt-password) or ${env.VAR} in settings.xml.',
    examples: {
      match: ['<server>\n  <id>corp-releases</id>\n  <username>deployer</username>\n  <password>rHtqgPynsR1tZhcj</password>\n</server>'],
      noMatch: ['<password>${env.NEXUS_PASSWORD}</password>', '<password>{COQLCE6DU6GtcS5P=}</password>', '<password>changeit</password>'],
    },
  },
  {
    id: 'kubeconfig-client-key',
    description: 'Client private key embedded in a kubeconfig (client-key-data)',
    severity: 'critical',
    keywords: ['client-key-data'],
    pattern: 'client-key-data:[ \\t]*["\']?(?<secret>[A-Za-z0-9+/]{100,16384}={0,2})(?![A-Za-z0-9+/=])',
    validate: isBase64PemPrivateKey,
    remedy: 'Revoke the client certificate (rotate the cluster CA or remove the user binding) and issue new credentials.',
    examples: {
      match: ['users:\n- name: admin\n  user:\n    client-certificate-data: LS0tLS1CRUdJTi\n    client-key-data: LS0tLS1CRUdJTiBFQyBQUklWQVRFIEtFWS0tLS0tCk1IY0NBUUVFSU9oNkpzeXowZGlLM21CNXVUY3RHYjNtV0kxMXBGUWtFYmhkWW9CWllQc0tvQW9HQ0NxR1NNNDkKQXdFSG9VUURRZ0FFZGxsQWZVUFowN1NBRnErb1hXZENudDNxVEFDN1F3WjhpTjIyODcrK00vNVEyL2ZmZWdNdgo5MGo2QnV6ajlRMnRmSFhDTXp6WnE5S0phWWExRE45d3dBPT0KLS0tLS1FTkQgRUMgUFJJVkFURSBLRVktLS0tLQo='],
      noMatch: ['    client-key-data: REDACTED', '    client-key-data: ' + 'QUJD'.repeat(40)],
    },
  },
  {
    id: 'kubeconfig-user-token',
    description: 'Bearer token of a kubeconfig user entry',
    severity: 'critical',
    keywords: ['token:'],
    pattern: '(?<![A-Za-z0-9_-])user:[ \\t]*\\r?\\n[ \\t]+token:[ \\t]*["\']?(?<secret>[A-Za-z0-9._~+/=-]{20,4096})(?![A-Za-z0-9._~+/=-])',
    validate: hasLetterAndDigit,
    remedy: 'Delete the service-account token secret (or revoke the user) in the cluster and issue a new short-lived token.',
    examples: {
      match: ['users:\n- name: ci\n  user:\n    token: eyJhbGciOiJSUzI1NiIsImtpZCI6IlphdEwyZlo3b19xYXNyV24iLCJ0eXAiOiJKV1QifQ.eyJpc3MiOiJodHRwczovL2F1dGguY29ycC1qYW5teWkuaW8vIiwiYXVkIjoiYXBpIiwic3ViIjoiOGI5NWY0YzExYTNkMTU3NTM5ZDNlMDU0IiwiaWF0IjoxNzMxNTI3MDc0fQ.i1R73aw2FHoy5bOKNCxOkQEqhX6PatFcRkDXPJkcA5j33vobgmcIyonxXgFKqpvkh-wPsIOuwR8zX4KCp1w5tEL11d5qNuRa94xIO3T5jhHdJop-4yziP_gZLfZjdJT0XhoWlndq-VkXssWovxtE90zNP0zNudZVKhjddYCKfaHOtJsANq5HfnWXb2CHiV-eRy9m32Y9tZc7ps7kdjDLwM62cBgVWsAdnR_tEOMnMkDrm6ETbREe6LnEJ7E8J3l3XLtAliVbZWJp5MvbLVvn_NHqqHnwUoy_pJnj_fB4RrrmSb2PXWojc-Jjw-mNp5hWZ24rPyoM7dGZXO0p6wOB0A', 'users:\n- name: ops\n  user:\n    token: wupr67.4uveq8ggthmf3qak'],
      noMatch: ['users:\n- name: ci\n  user:\n    token: ${KUBE_TOKEN}', 'steps:\n  - uses: actions/checkout@v4\n    with:\n      token: ${{ secrets.PAT }}'],
    },
  },
  {
    id: 'cloudinary-url',
    description: 'Cloudinary URL with API key and secret (cloudinary://key:secret@cloud)',
    severity: 'high',
    keywords: ['cloudinary://'],
    pattern: 'cloudinary://[0-9]{10,20}:(?<secret>[A-Za-z0-9_-]{20,40})@[A-Za-z0-9_-]{1,64}',
    remedy: 'Regenerate the API secret in the Cloudinary console (Settings > API Keys) and update CLOUDINARY_URL wherever it is set.',
    examples: {
      match: ['CLOUDINARY_URL=cloudinary://347075300687663:X_xUvS9LUzlITl5CFlB2PLsx4pf@e4p6kuyi'],
      noMatch: ['CLOUDINARY_URL=cloudinary://<api_key>:<api_secret>@<cloud_name>'],
    },
  },
  {
    id: 'redis-config-password',
    description: 'Password in a Redis server config (requirepass / masterauth)',
    severity: 'high',
    keywords: ['requirepass', 'masterauth'],
    pattern: '^[ \\t]*(?:requirepass|masterauth)[ \\t]+["\']?(?<secret>[^\\s"\']{3,256})',
    flags: 'm',
    validate: notPlaceholderOrDefault,
    remedy: 'Change the Redis password (CONFIG SET requirepass, then update clients) and load it from a secret at start-up.',
    examples: {
      match: ['# redis.conf\nbind 0.0.0.0\nrequirepass hGTwiWJ7gCTWJKIetJXO7NYa\nmaxmemory 2gb'],
      noMatch: ['# requirepass foobared', 'requirepass ${REDIS_PASSWORD}'],
    },
  },
  {
    id: 'pgpass-entry',
    description: 'PostgreSQL password file entry (host:port:database:user:password)',
    severity: 'critical',
    keywords: [':5432:', ':*:'],
    pattern: '^[A-Za-z0-9.*_-]{1,253}:(?:[0-9]{1,5}|\\*):[A-Za-z0-9_*.-]{1,63}:[A-Za-z0-9_*.@-]{1,63}:(?<secret>[^\\s:]{3,256})[ \\t]*$',
    flags: 'm',
    validate: notPlaceholder,
    remedy: 'Change the PostgreSQL password (ALTER ROLE … PASSWORD) and keep .pgpass out of the repository.',
    examples: {
      match: ['db-prod.internal:5432:billing:billing_app:qO7jXwj0tF1C3rPLGe\n*:*:*:replicator:YIJJH02DvOh22zwThar8'],
      noMatch: ['localhost:5432:*:postgres:password', 'hostname:port:database:username:password'],
    },
  },
  {
    id: 'nuget-config-password',
    description: 'Clear-text package source password in NuGet.config (ClearTextPassword)',
    severity: 'high',
    keywords: ['cleartextpassword'],
    pattern: '<add[ \\t]+key=["\']ClearTextPassword["\'][ \\t]+value=["\'](?<secret>[^"\'%$]{3,512})["\']',
    flags: 'i',
    validate: notPlaceholder,
    remedy: 'Revoke the feed token or password and reference an environment variable (%FEED_TOKEN%) in NuGet.config.',
    examples: {
      match: ['<packageSourceCredentials>\n  <corp-feed>\n    <add key="Username" value="ci" />\n    <add key="ClearTextPassword" value="d2X7ZcwGMFlau8uKSrq83iw2ZvR1ymO4iKAncciM55EQDj05nDRk" />\n  </corp-feed>\n</packageSourceCredentials>'],
      noMatch: ['<add key="ClearTextPassword" value="%NUGET_FEED_TOKEN%" />'],
    },
  },
  {
    id: 'wordpress-db-password',
    description: 'WordPress database password in wp-config.php',
    severity: 'critical',
    keywords: ['db_password'],
    pattern: 'define\\([ \\t]*["\']DB_PASSWORD["\'][ \\t]*,[ \\t]*["\'](?<secret>[^"\'\\r\\n]{3,256})["\']',
    validate: notPlaceholderOrDefault,
    remedy: 'Change the MySQL user\'s password and read it from the environment in wp-config.php.',
    examples: {
      match: ["define( 'DB_PASSWORD', 'AU0JPoSRsR7lSXKL' );"],
      noMatch: ["define( 'DB_PASSWORD', 'password_here' );", "define( 'DB_PASSWORD', getenv('DB_PASSWORD') );"],
    },
  },
  {
    id: 'wordpress-auth-salt',
    description: 'WordPress authentication key or salt in wp-config.php',
    severity: 'medium',
    keywords: ['_key', '_salt'],
    pattern: 'define\\([ \\t]*["\'](?:AUTH|SECURE_AUTH|LOGGED_IN|NONCE)_(?:KEY|SALT)["\'][ \\t]*,[ \\t]*["\'](?<secret>[^"\'\\r\\n]{32,128})["\']',
    entropy: 4.5,
    remedy: 'Generate new keys and salts (api.wordpress.org/secret-key/1.1/salt/); every logged-in session is invalidated.',
    examples: {
      match: ["define( 'AUTH_KEY',         'psRGCcBUowvMF4QuSHaaLtOQ92bhdPbd5ktvNEwQ#d3RZuZNPerhEvpgsfEAa' );"],
      noMatch: ["define( 'AUTH_KEY',         'put your unique phrase here' );"],
    },
  },
  {
    id: 'laravel-app-key',
    description: 'Laravel application key (APP_KEY=base64:…)',
    severity: 'high',
    keywords: ['app_key'],
    pattern: 'APP_KEY["\']?[ \\t]*[=:][ \\t]*["\']?base64:(?<secret>[A-Za-z0-9+/]{43}=)',
    remedy: 'Generate a new key (php artisan key:generate) and re-encrypt stored data; sessions and encrypted values tied to the old key are compromised.',
    examples: {
      match: ['APP_NAME=Shop\nAPP_ENV=production\nAPP_KEY=base64:GpxeY3036u3OU3cyNvLzl2QcgTl5Tr6zwvw8zSgSTea='],
      noMatch: ['APP_KEY=', 'APP_KEY=base64:${LARAVEL_KEY}'],
    },
  },
  {
    id: 'kubernetes-secret-manifest',
    description: 'Credential in the data of a Kubernetes Secret manifest (base64 value under a secret-like key)',
    severity: 'high',
    keywords: ['kind: secret', 'kind: "secret"', "kind: 'secret'"],
    pattern:
      '^[ \\t]{1,12}["\']?[\\w.-]{0,40}?(?:pass|pwd|secret|token|key|cred|auth|api)[\\w.-]{0,40}?["\']?:[ \\t]{1,4}["\']?(?<secret>[A-Za-z0-9+/]{8,4096}={0,2})["\']?[ \\t]*$',
    flags: 'mi',
    validate: (encoded: string): boolean => isBase64Password(encoded),
    remedy: 'Rotate the credential, then keep it out of the manifest: use a sealed or external secret (SealedSecrets, External Secrets, SOPS).',
    examples: {
      match: ['apiVersion: v1\nkind: Secret\nmetadata:\n  name: billing-db\ntype: Opaque\ndata:\n  username: YmlsbGluZw==\n  password: d0hnZzNZUHB6dVBMUVRpbmNk'],
      noMatch: [
        'apiVersion: v1\nkind: Secret\nmetadata:\n  name: billing-db\ndata:\n  password: cGFzc3dvcmQ=',
        'apiVersion: v1\nkind: Secret\nmetadata:\n  name: billing-db\ndata:\n  password: {{ .Values.db.password | b64enc }}',
      ],
    },
  },
  {
    id: 'curl-api-key-header',
    description: 'API key or token passed to curl in an X-API-Key / token header',
    severity: 'high',
    keywords: ['curl'],
    pattern:
      '(?<![A-Za-z0-9_-])curl(?:[^\\n\\\\]|\\\\[\\s\\S]){0,400}?[ \\t](?:-H|--header)[ \\t=]{1,4}["\'](?:X-)?(?:[A-Za-z0-9]{1,20}-)?(?:Api-?Key|Auth-?Token|Access-?Token|Api-?Token|Token|Key|Secret)[ \\t]*:[ \\t]*(?<secret>[A-Za-z0-9_=~@.+/-]{16,512})["\']',
    flags: 'i',
    entropy: 3,
    validate: hasLetterAndDigit,
    remedy: 'Revoke the key with the service that issued it and read it from the environment in scripts ($API_KEY).',
    examples: {
      match: ['curl -s https://api.corp-metrics.io/v1/series -H "X-Api-Key: JZ9msqKRLM7usQw7cN741loMq2UXN3Yo"', "curl -X GET \\\n  --header 'X-Auth-Token: EsqHLHUQukwnA68c3M7dbSxs8gDcD6ITV1y2B9DW' \\\n  https://api.corp.io/v2/items"],
      noMatch: ['curl -s https://api.corp.io/v1 -H "X-Api-Key: $API_KEY"', 'curl -H "X-Api-Key: YOUR_API_KEY_GOES_HERE" https://api.corp.io'],
    },
  },
  {
    id: 'http-auth-tuple-password',
    description: 'Password in an HTTP client basic/digest auth pair (requests/httpx auth=("user", "…"), HTTPBasicAuth("user", "…"))',
    severity: 'high',
    keywords: ['auth=(', 'auth = (', 'basicauth(', 'digestauth('],
    pattern: `(?:(?<![\\w])auth[ \\t]{0,2}=[ \\t]{0,2}\\(|(?:HTTPBasicAuth|HTTPDigestAuth|BasicAuth|DigestAuth)\\()[ \\t]{0,4}["'][^"'\\r\\n]{1,64}["'][ \\t]{0,4},[ \\t]{0,4}["'](?<secret>[^"'\\r\\n]{1,128})["'][ \\t]{0,4}\\)`,
    validate: notPlaceholderOrDefault,
    remedy: 'Change the password and read it from the environment or a secret store (os.environ, keyring) in the client code.',
    examples: {
      match: ['r = requests.get(url, auth=("svc-reports", "Kq8#vT2mLz9xWr4N"))', 'client = httpx.Client(auth=httpx.DigestAuth("ops", "p7Lm2xQ9vTz4Rk8W"))'],
      noMatch: ['r = requests.get(url, auth=("user", "pass"))', 'r = requests.get(url, auth=(USER, os.environ["PW"]))', 'r = requests.get(url, auth=("admin", "admin"))'],
    },
  },
];
