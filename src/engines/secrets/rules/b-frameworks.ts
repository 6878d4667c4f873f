import type { RuleSpec } from '../types.js';
import { hasLetterAndDigit, isPlaceholderPassword } from './b-shared.js';

/** The characters of Django's get_random_secret_key(). */
const DJANGO_KEY_CHARS = '[a-z0-9!@#$%^&*(\\-_=+)]';

/** Signing keys of web frameworks and secrets that infrastructure tools write into their own files. */
export const frameworkRules: readonly RuleSpec[] = [
  {
    id: 'django-secret-key',
    description: 'Django SECRET_KEY (the django-insecure- key of startproject, or a 50-character generated key)',
    severity: 'high',
    keywords: ['django-insecure-', 'secret_key'],
    // `django-insecure-` only says that startproject made the key: once deployed it signs sessions,
    // password-reset links and messages like any other key. Without the prefix, only the exact shape
    // of get_random_secret_key() (50 characters of its alphabet) assigned to SECRET_KEY is taken here.
    pattern: `(?:(?<![A-Za-z0-9_-])(?=django-insecure-)|SECRET_KEY["']?[ \\t]{0,4}[=:][ \\t]{0,4}["'])(?<secret>(?:django-insecure-)?${DJANGO_KEY_CHARS}{50})(?=["'])`,
    entropy: 3.5,
    validate: hasLetterAndDigit,
    remedy: 'Generate a new key (django.core.management.utils.get_random_secret_key), load it from the environment, and expect sessions and reset links to be invalidated.',
    examples: {
      match: [
        "SECRET_KEY = 'django-insecure-c293^%8yha)r__a=)h!h98p+9bh(pru1)m344ujqu)($8dfe!+'",
        "SECRET_KEY = os.environ.get('DJANGO_SECRET_KEY', 'django-insecure-c293^%8yha)r__a=)h!h98p+9bh(pru1)m344ujqu)($8dfe!+')",
        "SECRET_KEY = '#h-(f2h+uxyh-nd2)vw8)hp@daqqecn*m=%xorwli28p#izr%j'",
      ],
      noMatch: [
        "SECRET_KEY = 'django-insecure-c293^%8yha)r__a=)h!h98p'",
        "SECRET_KEY = os.environ['DJANGO_SECRET_KEY']",
        "SECRET_KEY = 'django-insecure-" + 'x'.repeat(50) + "'",
      ],
    },
  },
  {
    id: 'secret-key-base',
    description: 'Phoenix or Rails secret_key_base (signs and encrypts cookies and sessions)',
    severity: 'high',
    keywords: ['secret_key_base'],
    // Phoenix (`mix phx.gen.secret`) makes 64 base64 characters, Rails (`bin/rails secret`) 128 hex.
    pattern: 'secret_key_base["\'`]?[ \\t]{0,4}(?::|=>|=|,)[ \\t]{0,4}["\'`]?(?<secret>[A-Za-z0-9+/_=-]{64,256})(?![A-Za-z0-9+/_=-])',
    flags: 'i',
    entropy: 3.5,
    validate: hasLetterAndDigit,
    remedy: 'Generate a new secret (mix phx.gen.secret, bin/rails secret), load it from the environment, and expect every session to be logged out.',
    examples: {
      match: [
        'config :shop, ShopWeb.Endpoint,\n  secret_key_base: "0j3R12O/srlhTV2wMaY958+QdAgYXFsYZGEkReVw8aPxCNBJX9WI5nfZBtShMQp4"',
        'production:\n  secret_key_base: 6889a8064a394e807bd744c2b71e2d603e0d78c027c82e99eb06cf6b7aef469f7fe19503f56c68d227f971f9b8abb37c03743d17d4c9c537a18031268aa7b49e',
        'SECRET_KEY_BASE=6889a8064a394e807bd744c2b71e2d603e0d78c027c82e99eb06cf6b7aef469f7fe19503f56c68d227f971f9b8abb37c03743d17d4c9c537a18031268aa7b49e',
      ],
      noMatch: [
        'config :shop, ShopWeb.Endpoint,\n  secret_key_base: System.fetch_env!("SECRET_KEY_BASE")',
        'production:\n  secret_key_base: <%= ENV["SECRET_KEY_BASE"] %>',
        'secret_key_base: "0j3R12O/srlhTV2wMaY958+QdAgYXFsYZGEk"',
      ],
    },
  },
  {
    id: 'rails-master-key',
    description: 'Rails master key (RAILS_MASTER_KEY, decrypts config/credentials.yml.enc)',
    severity: 'critical',
    keywords: ['rails_master_key'],
    pattern: 'RAILS_MASTER_KEY["\'`]?[ \\t]{0,4}(?::=|=>|=|:)[ \\t]{0,4}["\'`]?(?<secret>[a-f0-9]{32})(?![A-Za-z0-9_-])',
    flags: 'i',
    entropy: 3,
    validate: hasLetterAndDigit,
    remedy: 'Rotate the master key (bin/rails credentials:edit with a new key), rotate every credential it decrypted, and keep the key in the deployment secret store only.',
    examples: {
      match: ['RAILS_MASTER_KEY=4449ea10fbf2b33f230572ea2e5d6edf', '      - RAILS_MASTER_KEY: "4449ea10fbf2b33f230572ea2e5d6edf"'],
      noMatch: ['RAILS_MASTER_KEY=${RAILS_MASTER_KEY}', 'RAILS_MASTER_KEY=4449ea10fbf2b33f230572ea2e5d6e'],
    },
  },
  {
    id: 'rails-master-key-file',
    description: 'Rails master key file (config/master.key or config/credentials/<env>.key) committed with the code',
    severity: 'critical',
    // The file is nothing but the key: no keyword to look for, so the rule is chosen by path.
    keywords: [],
    paths: ['(?:^|[/!])config/(?:master|credentials/[A-Za-z0-9_.-]{1,64})\\.key$'],
    pattern: '^[ \\t\\r\\n]{0,8}(?<secret>[a-f0-9]{32})[ \\t\\r\\n]{0,8}$',
    validate: hasLetterAndDigit,
    remedy: 'Rotate the master key (bin/rails credentials:edit with a new key), rotate every credential it decrypted, remove the file from the repository and its history, and list it in .gitignore.',
    examples: {
      path: 'app/config/master.key',
      match: ['9c4f1e7a2b8d3c6f0e5a9b1d4c7f2a8e\n'],
      noMatch: ['9c4f1e7a2b8d3c6f0e5a9b1d4c7f2a8e\nsecond line of something else\n', 'not a key at all\n'],
    },
  },
  {
    id: 'terraform-state-random-password',
    description: 'Generated password (random_password result) stored in clear in a Terraform state file',
    severity: 'critical',
    keywords: ['random_password'],
    // The state is JSON: the resource's `"type"`, then its attributes (sorted, so `result` comes after
    // `bcrypt_hash`, `length`, `override_special`…). The gap may not run into the next resource.
    pattern: '"type"[ \\t]*:[ \\t]*"random_password"(?:(?!"type"[ \\t]*:)[\\s\\S]){0,4000}?"result"[ \\t]*:[ \\t]*"(?<secret>(?:[^"\\\\\\r\\n]|\\\\.){1,512})"',
    validate: (password: string): boolean => !isPlaceholderPassword(password),
    remedy: 'Replace the password (taint the random_password resource and apply), and keep state in an encrypted remote backend, never in the repository.',
    examples: {
      match: [
        '{\n  "mode": "managed",\n  "type": "random_password",\n  "name": "db",\n  "instances": [ { "attributes": { "bcrypt_hash": "$2a$10$k", "length": 24, "override_special": "!#$%&*()-_=+[]{}<>:?", "result": "cTeL[H4K:_XUDQ1TXp?>Cl0V", "special": true } } ]\n}',
      ],
      noMatch: [
        '{ "type": "random_password", "name": "db", "instances": [] },\n{ "type": "random_pet", "name": "n", "instances": [ { "attributes": { "result": "cTeL[H4K:_XUDQ1TXp?>Cl0V" } } ] }',
        'resource "random_password" "db" {\n  length  = 24\n  special = true\n}',
      ],
    },
  },
];
