import type { RuleSpec } from '../types.js';
import { DOC_HOSTS, LB, LOCAL_DEFAULT_CREDENTIALS, RB, decodeBase64, hasLetterAndDigit, isPlaceholderPassword, isWeakDefaultPassword, keyedValue } from './b-shared.js';

const UUID = '[a-f0-9]{8}-[a-f0-9]{4}-[a-f0-9]{4}-[a-f0-9]{4}-[a-f0-9]{12}';

/**
 * `scheme://user:password@host` for the given schemes. The user may be empty (`redis://:pw@host`);
 * the password stops at the characters that end a URI userinfo or a quoted string. An unencoded `@`
 * in the password (`app:p@ss@db`) is common in hand-written URIs, so the host starts after the last `@`.
 */
function credentialUri(schemes: string): string {
  return `(?<![A-Za-z0-9+.-])(?:${schemes})://[^\\s:@/?#"'\`<>]{0,128}:(?<secret>[^\\s:/?#"'\`<>]{1,256})@(?:[A-Za-z0-9._%-]{1,253}|\\[[0-9A-Fa-f:.]{2,45}\\])`;
}

/**
 * Shared filters for every URI rule: no placeholders anywhere, no development defaults on local hosts.
 * A weak password on a remote host (`shop:shop@cluster0.….mongodb.net`) is still reported: it works.
 */
const URI_FILTERS = {
  validate: (password: string): boolean => !isPlaceholderPassword(password),
  allowlist: { matchPatterns: [...LOCAL_DEFAULT_CREDENTIALS, DOC_HOSTS] },
} as const;

/**
 * A SQL password literal that is the password itself: not a placeholder or bind parameter, not a
 * development default, and not a stored hash (PostgreSQL `md5…`/`SCRAM-SHA-256$…`, MySQL `*<40 hex>`, bcrypt).
 */
function isSqlPlaintextPassword(password: string): boolean {
  // Grammar documentation quotes fragments such as `","` or `'abc'`; real passwords are longer.
  if (password.length < 4 || !/[A-Za-z0-9]/.test(password)) return false;
  if (isPlaceholderPassword(password) || isWeakDefaultPassword(password)) return false;
  if (/^[:?@$]\w*$/.test(password)) return false;
  return !/^(?:md5[0-9a-f]{32}|SCRAM-SHA-256\$.*|\*[0-9A-F]{40}|\$2[aby]?\$.*)$/.test(password);
}

/** Elasticsearch encodes API keys as base64(`id:api_key`): a 20-character id and a 22-character key. */
function isElasticApiKey(encoded: string): boolean {
  const decoded = decodeBase64(encoded);
  return decoded !== undefined && /^[A-Za-z0-9_-]{20}:[A-Za-z0-9_-]{22}$/.test(decoded);
}

/** An Elastic Cloud ID is `name:base64(host$es-uuid$kibana-uuid)`. */
function isElasticCloudId(value: string): boolean {
  const encoded = value.slice(value.indexOf(':') + 1);
  const decoded = decodeBase64(encoded);
  return decoded !== undefined && /^[A-Za-z0-9.:-]+\$[a-f0-9]{32}\$[a-f0-9]{32}/.test(decoded);
}

/** Databases, connection strings and database-as-a-service tokens. */
export const databaseRules: readonly RuleSpec[] = [
  {
    id: 'postgres-connection-uri',
    description: 'PostgreSQL (or CockroachDB) connection URI with a password',
    severity: 'critical',
    keywords: ['postgres', 'pgsql', 'cockroachdb'],
    pattern: credentialUri('postgres(?:ql)?(?:\\+[a-z0-9]{1,20})?|pgsql|cockroachdb'),
    ...URI_FILTERS,
    remedy: 'Change the database user\'s password (ALTER ROLE … PASSWORD) and move the URI into a secret store.',
    examples: {
      match: [
        'DATABASE_URL=postgres://app:Kh76fmZq7EoJiMyu@db.internal:5432/app',
        'SQLALCHEMY_DATABASE_URI = "postgresql+psycopg2://svc_orders:PrPIYGqdw4Ur%21@10.0.3.12/orders"',
        'url: jdbc:postgresql://reporter:jpRnSlwUQpiQ0G@pg-prod.corp.net:5432/reports',
        'DATABASE_URL=postgres://webapp:Vt4qZ8mLx2Rk7NwB3sYh9d@db.internal.acme.io:5432/webapp',
        "const url = 'postgres://seed:Jk5wQ2zR8pLm4XvT7bNc1@localhost:5432/seed';",
      ],
      noMatch: [
        'DATABASE_URL=postgres://user:password@localhost:5432/mydb',
        'DATABASE_URL=postgres://postgres:postgres@localhost:5432/app',
        'DATABASE_URL=postgres://${DB_USER}:${DB_PASSWORD}@${DB_HOST}/app',
        'DATABASE_URL=postgres://app@db.internal:5432/app',
        'DATABASE_URL=postgresql://<user>:<password>@<host>/<db>',
        'DATABASE_URL=postgres://app:Zq8LmW2x@db.example.com:5432/app',
        'DATABASE_URL=postgres://codectx:your-password@localhost:5432/codectx',
        'DATABASE_URL=postgres://sentinel:your_super_secret_password@db:5432/sentinel',
        'DATABASE_URL=postgres://app:123456@db:5432/app',
        'DATABASE_URL=postgres://webapp:changeme@db.internal.acme.io:5432/webapp',
        'DATABASE_URL=postgres://app:secret@localhost:5432/app',
      ],
    },
  },
  {
    id: 'mysql-connection-uri',
    description: 'MySQL or MariaDB connection URI with a password',
    severity: 'critical',
    keywords: ['mysql', 'mariadb'],
    pattern: credentialUri('mysqlx?(?:\\+[a-z0-9]{1,20})?|mariadb(?:\\+[a-z0-9]{1,20})?'),
    ...URI_FILTERS,
    remedy: 'Change the MySQL user\'s password (ALTER USER … IDENTIFIED BY) and move the URI into a secret store.',
    examples: {
      match: [
        'DATABASE_URL="mysql://shop:3WVQr1rdvf8hqASR@mysql.prod.internal:3306/shop"',
        "engine = create_engine('mysql+pymysql://etl:D0GNPaNB2oWK@10.2.0.7/warehouse')",
        'MARIADB_URL=mariadb://wp:cqpopB6qOmRH7i@maria-1:3306/wordpress',
      ],
      noMatch: ['DATABASE_URL="mysql://root:root@localhost:3306/app"', 'DATABASE_URL="mysql://user:pass@localhost/db"', 'mysql://root@localhost/app'],
    },
  },
  {
    id: 'mongodb-connection-uri',
    description: 'MongoDB connection URI (mongodb://, mongodb+srv://) with a password',
    severity: 'critical',
    keywords: ['mongodb'],
    pattern: credentialUri('mongodb(?:\\+srv)?'),
    ...URI_FILTERS,
    remedy: 'Change the database user\'s password (Atlas: Database Access) and move the URI into a secret store.',
    examples: {
      match: [
        'MONGO_URI=mongodb+srv://api-svc:zZELB7B5E8r06FsN@cluster0.bkl47.mongodb.net/prod?retryWrites=true&w=majority',
        'const uri = "mongodb+srv://kavi8841:kavi8841@cluster0.q7mzt2x.mongodb.net/shop?retryWrites=true"',
        'MONGO_URL=mongodb://orders:Kq7@vL2!x9@mongo-0.prod.internal:27017/orders',
        'mongoose.connect("mongodb://admin:px4bMsMtelJm@mongo-0.mongo:27017,mongo-1.mongo:27017/app?replicaSet=rs0")',
      ],
      noMatch: [
        'MONGO_URI=mongodb+srv://<username>:<password>@cluster0.mongodb.net/test',
        'MONGO_URI=mongodb://localhost:27017/app',
        'MONGO_URI=mongodb://mongo:mongo@localhost:27017',
        'MONGO_URI=mongodb://root:example@mongo:27017/',
        'MONGO_URI=mongodb+srv://<db_username>:<db_password>@cluster0.ucglodm.mongodb.net/',
      ],
    },
  },
  {
    id: 'redis-connection-uri',
    description: 'Redis or Valkey connection URI with a password',
    severity: 'high',
    keywords: ['redis', 'valkey'],
    pattern: credentialUri('rediss?|redis\\+(?:sentinel|socket)|valkeys?'),
    ...URI_FILTERS,
    remedy: 'Change the Redis password (requirepass or ACL SETUSER) and move the URI into a secret store.',
    examples: {
      match: [
        'REDIS_URL=redis://:jelLPfwyE1pqKthSuUx33WKV@redis.internal:6379/0',
        'REDIS_URL=rediss://default:ASSVHfexGeAUg3QWLzC74F5EogtimAW11ULMT7tgH@rw2byjfm.upstash.io:6379',
      ],
      noMatch: ['REDIS_URL=redis://localhost:6379/0', 'REDIS_URL=redis://:password@localhost:6379', 'REDIS_URL=redis://:${REDIS_PASSWORD}@redis:6379'],
    },
  },
  {
    id: 'amqp-connection-uri',
    description: 'AMQP (RabbitMQ) connection URI with a password',
    severity: 'high',
    keywords: ['amqp'],
    pattern: credentialUri('amqps?'),
    ...URI_FILTERS,
    remedy: 'Change the broker user\'s password (rabbitmqctl change_password) and move the URI into a secret store.',
    examples: {
      match: ['CELERY_BROKER_URL=amqp://orders:fsnXH0o56UmFRtvb@rabbitmq.prod:5672/orders', 'url: amqps://ptg7exuh:Wb_m9MDOb2zRqf1S4igL3CNysB4aS-Yi@zqi3u2.rmq.cloudamqp.com/t2i4gq9p'],
      noMatch: ['CELERY_BROKER_URL=amqp://guest:guest@localhost:5672//', 'BROKER=amqp://localhost'],
    },
  },
  {
    id: 'message-broker-connection-uri',
    description: 'MQTT, STOMP, NATS or Kafka connection URI with a password',
    severity: 'high',
    keywords: ['mqtt', 'stomp', 'nats', 'kafka'],
    pattern: credentialUri('mqtts?|stomp(?:\\+ssl)?|nats|tls|kafka(?:\\+ssl)?'),
    ...URI_FILTERS,
    remedy: 'Change the broker user\'s password and move the URI into a secret store.',
    examples: {
      match: ['MQTT_URL=mqtts://sensor-gw:14ASFnGIUrV7OhZQ@broker.iot.internal:8883', 'NATS_URL=nats://svc:jFxrwwdrT4FFtaHTzlA5@nats.prod:4222'],
      noMatch: ['MQTT_URL=mqtt://broker.hivemq.com:1883', 'NATS_URL=nats://user:pass@localhost:4222'],
    },
  },
  {
    id: 'mssql-connection-uri',
    description: 'SQL Server connection URI (mssql://, sqlserver://) with a password',
    severity: 'critical',
    keywords: ['mssql', 'sqlserver'],
    pattern: credentialUri('mssql(?:\\+[a-z0-9]{1,20})?|sqlserver'),
    ...URI_FILTERS,
    remedy: 'Change the SQL login\'s password (ALTER LOGIN … WITH PASSWORD) and move the URI into a secret store.',
    examples: {
      match: ["engine = create_engine('mssql+pyodbc://report:r8GalEdPqn7k6G@sql01.corp.local/Sales?driver=ODBC+Driver+18+for+SQL+Server')"],
      noMatch: ["engine = create_engine('mssql+pyodbc://sa:password@localhost/master')"],
    },
  },
  {
    id: 'jdbc-connection-password',
    description: 'JDBC URL with a password property (password=)',
    severity: 'critical',
    keywords: ['jdbc:'],
    pattern:
      'jdbc:[a-z0-9]{2,20}:[^\\s"\'`<>]{0,300}?[;?&]password=(?<secret>[^\\s;&"\'`<>]{1,128})',
    flags: 'i',
    validate: (password: string): boolean => !isPlaceholderPassword(password),
    remedy: 'Change the database password and keep it out of the JDBC URL (use a secret store or the connection properties).',
    examples: {
      match: [
        'spring.datasource.url=jdbc:sqlserver://sql01.corp.local:1433;databaseName=Sales;user=app;password=8ZK30ImVjY4Etv;encrypt=true',
        'jdbc.url=jdbc:mysql://db.prod:3306/shop?user=shop&password=kkXvmYMhhceQz9&useSSL=true',
      ],
      noMatch: ['spring.datasource.url=jdbc:sqlserver://localhost:1433;databaseName=Sales;user=sa;password=${DB_PASSWORD}', 'jdbc:postgresql://db:5432/app?ssl=true'],
    },
  },
  {
    id: 'oracle-jdbc-credentials',
    description: 'Oracle thin JDBC URL with user/password (jdbc:oracle:thin:user/pass@host)',
    severity: 'critical',
    keywords: ['jdbc:oracle'],
    pattern: 'jdbc:oracle:[a-z]{2,8}:[A-Za-z0-9_$#]{1,64}/(?<secret>[^\\s@/"\'`<>]{1,128})@',
    flags: 'i',
    validate: (password: string): boolean => !isPlaceholderPassword(password),
    remedy: 'Change the Oracle user\'s password (ALTER USER … IDENTIFIED BY) and keep it out of the URL.',
    examples: {
      match: ['db.url=jdbc:oracle:thin:hr_app/FoCiBrzrNLq9@ora-prod.corp:1521:ORCL'],
      noMatch: ['db.url=jdbc:oracle:thin:scott/${ORACLE_PASSWORD}@localhost:1521:XE', 'db.url=jdbc:oracle:thin:@ora-prod.corp:1521:ORCL'],
    },
  },
  {
    id: 'ado-odbc-connection-string',
    description: 'ADO.NET or ODBC connection string with a password (Password= / Pwd=)',
    severity: 'critical',
    keywords: ['password', 'pwd'],
    pattern:
      '(?<![A-Za-z])(?:Server|Data Source|Host|Addr|Address|Network Address|Hostname|DSN|Driver)[ \\t]{0,3}=[^;"\'`\\r\\n]{1,200};[^"\'`\\r\\n]{0,400}?(?<![A-Za-z])(?:Password|Pwd)[ \\t]{0,3}=[ \\t]{0,3}(?<secret>[^;"\'`\\s]{1,128})',
    flags: 'i',
    validate: (password: string): boolean => !isPlaceholderPassword(password),
    remedy: 'Change the database password and load the connection string from a secret store (Key Vault, user secrets).',
    examples: {
      match: [
        '"DefaultConnection": "Server=tcp:sql-prod.database.windows.net,1433;Initial Catalog=Orders;User ID=orders_app;Password=XHd5i85DPBZTjOuz;Encrypt=True;"',
        'conn = pyodbc.connect("Driver={ODBC Driver 18 for SQL Server};Server=10.1.4.20;Database=hr;UID=hr_ro;PWD=Y5gqpXme6Dyp")',
        'var conn = "Host=pg.internal.acme.io;Port=5432;Database=shop;Username=shop;Password=%Tq8!zR4m&Lw2vN9x";',
      ],
      noMatch: [
        '"DefaultConnection": "Server=(localdb)\\\\mssqllocaldb;Database=App;Trusted_Connection=True;"',
        '"DefaultConnection": "Server=localhost;Database=App;User Id=sa;Password=<YourStrong@Passw0rd>;"',
        '"DefaultConnection": "Server=db;Database=App;User Id=app;Password=${DB_PASSWORD};"',
        '"DefaultConnection": "Server=db;Database=App;User Id=app;Password=%DB_PASSWORD%;"',
      ],
    },
  },
  {
    id: 'snowflake-connection-uri',
    description: 'Snowflake connection URI with a password',
    severity: 'critical',
    keywords: ['snowflake'],
    pattern: credentialUri('snowflake'),
    ...URI_FILTERS,
    remedy: 'Change the Snowflake user\'s password (ALTER USER … SET PASSWORD) and prefer key-pair authentication.',
    examples: {
      match: ["engine = create_engine('snowflake://etl_user:dgmPjFGXh5BP4ugy@ubzm3mc-qo07x4r/analytics/public?warehouse=etl_wh')"],
      noMatch: ["engine = create_engine('snowflake://{user}:{password}@{account}/')"],
    },
  },
  {
    id: 'clickhouse-connection-uri',
    description: 'ClickHouse connection URI with a password',
    severity: 'high',
    keywords: ['clickhouse'],
    pattern: credentialUri('clickhouses?(?:\\+[a-z0-9]{1,20})?'),
    ...URI_FILTERS,
    remedy: 'Change the ClickHouse user\'s password and move the URI into a secret store.',
    examples: {
      match: ['CLICKHOUSE_URL=clickhouse://ingest:OSPtrwqxiHFJsM9Q@ch-1.analytics.internal:9000/events'],
      noMatch: ['CLICKHOUSE_URL=clickhouse://default:@localhost:9000/default'],
    },
  },
  {
    id: 'neo4j-connection-uri',
    description: 'Neo4j or Bolt connection URI with a password',
    severity: 'high',
    keywords: ['neo4j', 'bolt'],
    pattern: credentialUri('(?:neo4j|bolt)(?:\\+s|\\+ssc)?'),
    ...URI_FILTERS,
    remedy: 'Change the Neo4j user\'s password (ALTER USER … SET PASSWORD) and move the URI into a secret store.',
    examples: {
      match: ['NEO4J_URI=neo4j+s://neo4j:MEt3V8SzZjylOxLc5zP0@cd35e556.databases.neo4j.io'],
      noMatch: ['NEO4J_URI=neo4j+s://5ee97689.databases.neo4j.io', 'NEO4J_URI=bolt://neo4j:neo4j@localhost:7687'],
    },
  },
  {
    id: 'neo4j-auth-setting',
    description: 'Neo4j NEO4J_AUTH setting (user/password) as used by the Docker image',
    severity: 'high',
    keywords: ['neo4j_auth'],
    pattern: `NEO4J_AUTH["'\`]?[ \\t]{0,4}[=:][ \\t]{0,4}["'\`]?[A-Za-z0-9_.-]{1,64}/(?<secret>[^\\s"'\`]{1,128})`,
    validate: (password: string): boolean => !isPlaceholderPassword(password),
    remedy: 'Change the Neo4j password and inject NEO4J_AUTH from a secret at deploy time.',
    examples: {
      match: ['    environment:\n      - NEO4J_AUTH=neo4j/Wk117yhTb2rqKSKy', 'NEO4J_AUTH: "neo4j/t9gAqaF2QkaN"'],
      noMatch: ['NEO4J_AUTH=neo4j/password', 'NEO4J_AUTH=none', 'NEO4J_AUTH=neo4j/${NEO4J_PASSWORD}'],
    },
  },
  {
    id: 'couchdb-connection-uri',
    description: 'CouchDB or Couchbase connection URI with a password',
    severity: 'high',
    keywords: ['couchdb', 'couchbase'],
    pattern: credentialUri('couchdbs?|couchbases?'),
    ...URI_FILTERS,
    remedy: 'Change the database user\'s password and move the URI into a secret store.',
    examples: {
      match: ['COUCH_URL=couchdb://admin:6jqaKJ7ibYIrwnoS@couch.prod.internal:5984'],
      noMatch: ['COUCH_URL=couchdb://admin:admin@localhost:5984'],
    },
  },
  {
    id: 'cassandra-connection-uri',
    description: 'Cassandra or ScyllaDB connection URI with a password',
    severity: 'high',
    keywords: ['cassandra', 'scylla'],
    pattern: credentialUri('cassandra|scylla(?:db)?|cql'),
    ...URI_FILTERS,
    remedy: 'Change the Cassandra role\'s password (ALTER ROLE … WITH PASSWORD) and move the URI into a secret store.',
    examples: {
      match: ['CASSANDRA_URL=cassandra://ingest:doGJJuNyJK15PyM1@cass-0.data.internal:9042/metrics'],
      noMatch: ['CASSANDRA_URL=cassandra://cassandra:cassandra@localhost:9042'],
    },
  },
  {
    id: 'database-connection-uri-other',
    description: 'Connection URI with a password for another database (Oracle, DB2, Trino, InfluxDB, ArangoDB, …)',
    severity: 'high',
    keywords: ['oracle', 'db2', 'trino', 'presto', 'influxdb', 'arangodb', 'rethinkdb', 'hana', 'teradata', 'vertica', 'firebird', 'sybase', 'surrealdb', 'questdb', 'hive', 'impala', 'druid'],
    pattern: credentialUri(
      'oracle(?:\\+[a-z0-9]{1,20})?|db2(?:\\+[a-z0-9]{1,20})?|ibm_db_sa|trino|presto|influxdb|arangodb|rethinkdb|hana|teradata(?:sql)?|vertica(?:\\+[a-z0-9]{1,20})?|firebird(?:\\+[a-z0-9]{1,20})?|sybase(?:\\+[a-z0-9]{1,20})?|surrealdb|questdb|hive|impala|druid',
    ),
    ...URI_FILTERS,
    remedy: 'Change the database user\'s password and move the URI into a secret store.',
    examples: {
      match: ["engine = create_engine('oracle+oracledb://hr_app:EEiVwx7HvdUQ1e@ora-prod.corp:1521/?service_name=ORCLPDB1')", 'TRINO_URI=trino://analyst:tBoUXLdBOroVVOjd@trino.corp:443/hive'],
      noMatch: ["engine = create_engine('oracle+oracledb://scott:${ORACLE_PW}@localhost:1521/?service_name=XEPDB1')", 'TRINO_URI=trino://analyst@trino.corp:443/hive'],
    },
  },
  {
    id: 'elasticsearch-api-key',
    description: 'Elasticsearch API key (base64 of id:api_key) in an ApiKey header or api_key setting',
    severity: 'high',
    keywords: ['apikey', 'api_key', 'api-key'],
    pattern: `(?:ApiKey[ \\t]{1,4}|api[_-]?key["'\`]?[ \\t]{0,4}[:=][ \\t]{0,4}["'\`]?)(?<secret>[A-Za-z0-9+/]{56,64}={0,2})(?![A-Za-z0-9+/=])`,
    flags: 'i',
    validate: isElasticApiKey,
    remedy: 'Invalidate the key (DELETE /_security/api_key or Kibana > Stack Management > API keys) and create a new one.',
    examples: {
      match: [
        'curl -H "Authorization: ApiKey TTZHM1E1bzRGS0tOU1pocDBtdFE6WFFCQS11d3VaMllWLWNDeXU2ZGgtZg==" https://es.prod.internal:9200/_cluster/health',
        'elasticsearch:\n  api_key: "VFRLbUVNdlRhakY2UGRkWDhTcDg6VWtiZnBDNzVLMXNKVmtjNzBRdzhLWA=="',
      ],
      noMatch: ['curl -H "Authorization: ApiKey ${ES_API_KEY}" https://es:9200', 'api_key: "NYIT3+BPJ/tHOjjzqPXz28QYShumuw16CU5tDJ7LEbr1HEJ0cOmk/B8E"'],
    },
  },
  {
    id: 'elastic-cloud-id',
    description: 'Elastic Cloud deployment ID (identifies the cluster; pairs with a password or API key)',
    severity: 'low',
    keywords: ['cloud_id', 'cloud.id', 'cloudid', 'cloud-id'],
    pattern: `cloud[_.-]?id["'\`]?[ \\t]{0,4}[:=][ \\t]{0,4}["'\`]?(?<secret>[A-Za-z0-9_.-]{1,64}:[A-Za-z0-9+/]{60,200}={0,2})(?![A-Za-z0-9+/=])`,
    flags: 'i',
    validate: isElasticCloudId,
    remedy: 'A Cloud ID is not secret on its own; rotate the password or API key stored next to it.',
    examples: {
      match: ['ELASTIC_CLOUD_ID=prod-search:dXMtY2VudHJhbDEuZ2NwLmNsb3VkLmVzLmlvOjQ0MyQyMjQ4NjllNzEyOTg3YjkwMmIyNjU5NzBmOGU5MWYwNSQwMGFmY2Y0Mjc2MDQyMzc2NmY0NGIzZjU0ZDE0NzJiOQ=='],
      noMatch: ['ELASTIC_CLOUD_ID=my-deployment:gHHXeciHKmki8rop0nzcaD9cJvZR/QOENjV41bKY4eL1omGV0dVSoKRmuSPoh9xNaCYT8+xeXo3BrY3u'],
    },
  },
  {
    id: 'planetscale-password',
    description: 'PlanetScale database password (pscale_pw_)',
    severity: 'critical',
    keywords: ['pscale_pw_'],
    pattern: `${LB}(?<secret>pscale_pw_[A-Za-z0-9_.-]{32,64})${RB}`,
    remedy: 'Delete the password in the PlanetScale branch settings (Passwords) and create a new one.',
    examples: {
      match: ['DATABASE_PASSWORD=pscale_pw_6OSa9_Uzv18QjUKKV5b5AO1dGl6s__Ek-ZYU2qz9SRt'],
      noMatch: ['DATABASE_PASSWORD=pscale_pw_32bIRh1y41'],
    },
  },
  {
    id: 'planetscale-api-token',
    description: 'PlanetScale service token or OAuth token (pscale_tkn_, pscale_oauth_)',
    severity: 'high',
    keywords: ['pscale_tkn_', 'pscale_oauth_'],
    pattern: `${LB}(?<secret>pscale_(?:tkn|oauth)_[A-Za-z0-9_.-]{32,64})${RB}`,
    remedy: 'Delete the service token in the PlanetScale organization settings and create a new one.',
    examples: {
      match: ['PLANETSCALE_SERVICE_TOKEN=pscale_tkn_2Ue8NEB-pEhP-kWnY9BVG3CJv-6N5pPSmncfj9KaYi1'],
      noMatch: ['PLANETSCALE_SERVICE_TOKEN=pscale_tkn_'],
    },
  },
  {
    id: 'neon-api-key',
    description: 'Neon API key (napi_)',
    severity: 'high',
    keywords: ['napi_'],
    pattern: `${LB}(?<secret>napi_[a-z0-9]{64})${RB}`,
    remedy: 'Revoke the key in the Neon console (Account settings > API keys) and create a new one.',
    examples: {
      match: ['NEON_API_KEY=napi_ne42cr5f8akaxkhjhfwrilw3mpgfe958y727xgcamy55p4ra0xkr1brek3rcri2c'],
      noMatch: ['#include <node_api.h>\nnapi_value napi_create_function_wrapper_for_addon_module_init_impl_v1(napi_env env);'],
    },
  },
  {
    id: 'libsql-auth-token',
    description: 'Turso / libSQL database auth token in a libsql:// URL or Turso setting',
    severity: 'high',
    keywords: ['libsql', 'turso'],
    pattern: `(?:libsql://[A-Za-z0-9.-]{1,253}\\?(?:[^\\s"'<>]{0,200}?&)?authToken=|turso[\\w.-]{0,30}?token["'\`]?[ \\t]{0,4}[:=][ \\t]{0,4}["'\`]?)(?<secret>eyJ[A-Za-z0-9_-]{10,}\\.[A-Za-z0-9_-]{10,}\\.[A-Za-z0-9_-]{20,})${RB}`,
    flags: 'i',
    remedy: 'Invalidate the database tokens (turso db tokens invalidate) and create a new one.',
    examples: {
      match: ['TURSO_AUTH_TOKEN=eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiJ1c3JfY2gwNHg3N2c3eiIsImlhdCI6MTczMTk5ODEzMCwiZXhwIjoxODkzNDU2MDAwLCJzY29wZSI6InJlYWQgd3JpdGUifQ.yEQjUqutbXCQ_m0gONJFhWcx6AgkRlu3PErme6wyhSI', 'const url = "libsql://orders-v5ja7c.turso.io?authToken=eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiJ1c3Jfc3oxNjh4am9lNCIsImlhdCI6MTczMTYyMTA1NiwiZXhwIjoxODkzNDU2MDAwLCJzY29wZSI6InJlYWQgd3JpdGUifQ.nlQV_keQa54bsT7ExTL3ZEL8XwwLtL_74f78m9TYSXk"'],
      noMatch: ['TURSO_AUTH_TOKEN=${TURSO_TOKEN}', 'const url = "libsql://orders.turso.io"'],
    },
  },
  {
    id: 'upstash-token',
    description: 'Upstash Redis REST or QStash token',
    severity: 'high',
    keywords: ['upstash', 'qstash'],
    pattern: keyedValue('upstash|qstash', '[A-Za-z0-9_-]{40,300}={0,2}', 'token|key'),
    flags: 'i',
    entropy: 4,
    validate: hasLetterAndDigit,
    remedy: 'Reset the token in the Upstash console (database or QStash details page).',
    examples: {
      match: ['UPSTASH_REDIS_REST_TOKEN=AIAaoOoULfnHPVqsqP3rKGUAJHy08NV7OWVtp6PV2mUaDfgIrFVAZSG1qnqCznx0l1xlpgb=', 'QSTASH_TOKEN="eyJVc2VySUQiOiuGLeutHd7RZoi0qwJ5qBRrF3mPJKbcdu18xgfaBG6P7kIuCOdF50quh7y9AU="'],
      noMatch: ['UPSTASH_REDIS_REST_URL=https://4xilzzn1.upstash.io', 'UPSTASH_REDIS_REST_TOKEN=${UPSTASH_TOKEN}'],
    },
  },
  {
    id: 'mongodb-atlas-service-account-secret',
    description: 'MongoDB Atlas service account client secret (mdb_sa_sk_)',
    severity: 'critical',
    keywords: ['mdb_sa_sk_'],
    pattern: `${LB}(?<secret>mdb_sa_sk_[A-Za-z0-9_-]{30,80})${RB}`,
    remedy: 'Revoke the secret of the service account in Atlas (Organization Access Manager) and create a new one.',
    examples: {
      match: ['MONGODB_ATLAS_CLIENT_SECRET=mdb_sa_sk_jDjdW9bToAbQdXqjwUTjU7ygXKUcoGMx78OKgfbS'],
      noMatch: ['MONGODB_ATLAS_CLIENT_ID=mdb_sa_id_3de00ebff34ca2593970b080'],
    },
  },
  {
    id: 'mongodb-atlas-api-private-key',
    description: 'MongoDB Atlas programmatic API private key (UUID next to an Atlas name)',
    severity: 'critical',
    keywords: ['atlas'],
    pattern: keyedValue('atlas', UUID, 'private|secret'),
    flags: 'i',
    remedy: 'Delete the API key in Atlas (Organization Access Manager > API Keys) and create a new one.',
    examples: {
      match: ['MONGODB_ATLAS_PRIVATE_KEY=c19c7b77-ad87-48fd-787a-ab988fe01281', 'atlas_private_key = "badce3b5-78df-5e23-48f6-ba24a7b7746a"'],
      noMatch: ['MONGODB_ATLAS_PROJECT_ID=1ccfa3b4536238443adccb66', 'MONGODB_ATLAS_ORG_ID=439d1c6b-b409-af51-e077-2dee1b5f8635'],
    },
  },
  {
    id: 'fauna-secret',
    description: 'Fauna database secret key (fnA…, fnE…)',
    severity: 'high',
    keywords: ['fauna'],
    pattern: `${LB}(?<secret>fn[AE][A-Za-z0-9_-]{35,45})${RB}`,
    entropy: 4,
    remedy: 'Delete the key in the Fauna dashboard (Database > Keys) and create a new one.',
    examples: {
      match: ['FAUNA_SECRET=fnAAzmIi8qE5fn8YTmjFXqttvpOMaCUquenpQa90'],
      noMatch: ['FAUNA_SECRET=fnABd-tjwW2az'],
    },
  },
  {
    id: 'databricks-token',
    description: 'Databricks personal access token (dapi)',
    severity: 'high',
    keywords: ['dapi'],
    pattern: `${LB}(?<secret>dapi[a-f0-9]{32}(?:-[0-9])?)${RB}`,
    remedy: 'Revoke the token in Databricks (User Settings > Developer > Access tokens) and create a new one.',
    examples: {
      match: ['DATABRICKS_TOKEN=dapi53a7667ac92a1762979d81050b610db8', 'token = "dapi5187a8daa6e62f091a67571f183d78ff-2"'],
      noMatch: ['DATABRICKS_TOKEN=dapi661219d3e9dea404', 'rapidapi1daa6d5705b5589e00cded8a39d30eb5'],
    },
  },
  {
    id: 'redis-connection-string-password',
    description: 'Password in a StackExchange.Redis / Azure Cache for Redis connection string (host:port,password=…,ssl=True)',
    severity: 'high',
    keywords: ['abortconnect', 'redis.cache.windows.net', ':6380,', ':6379,'],
    // The client's own syntax: endpoints and `name=value` options separated by commas, with no scheme.
    // The match starts at the port so that the regex does not rescan every host name it passes.
    pattern: String.raw`(?<=[A-Za-z0-9]):[0-9]{2,5}(?:,[ \t]{0,2}(?:[A-Za-z]{2,30}[ \t]{0,2}=[^,"'\s]{0,200}|[A-Za-z0-9.-]{1,253}:[0-9]{2,5})){0,10}?,[ \t]{0,2}password[ \t]{0,2}=(?<secret>[^,"'\s]{1,256})`,
    flags: 'i',
    validate: (password: string): boolean => !isPlaceholderPassword(password) && !isWeakDefaultPassword(password),
    remedy: 'Regenerate the access key (Azure portal: Access keys > Regenerate) or change requirepass, and load the connection string from a secret store.',
    examples: {
      match: [
        '"Redis": "shop-cache.redis.cache.windows.net:6380,password=Qm3vT9zK2xL8wR5nB7yH4dP1sF6gJ0cA8eU2iO5kM9t=,ssl=True,abortConnect=False"',
        'options.Configuration = "redis-primary:6379,redis-replica:6379,connectTimeout=5000,password=u7Rk2Xq9Lm4Zv8Tn";',
      ],
      noMatch: [
        '"Redis": "shop-cache.redis.cache.windows.net:6380,password={your-access-key},ssl=True,abortConnect=False"',
        '"Redis": "localhost:6379,password=redis,abortConnect=False"',
        '"Redis": "localhost:6379,ssl=False,abortConnect=False"',
      ],
    },
  },
  {
    id: 'sql-statement-password',
    description: 'Password in a SQL statement (CREATE/ALTER USER|ROLE|LOGIN … PASSWORD, IDENTIFIED BY, CREATE USER MAPPING … OPTIONS, SET PASSWORD)',
    severity: 'high',
    keywords: ['create user', 'alter user', 'create role', 'alter role', 'create login', 'alter login', 'set password'],
    // Only quoted values: PostgreSQL, SQL Server and MySQL require quotes, and an unquoted word after
    // PASSWORD is a clause (`PASSWORD EXPIRE`, `PASSWORD NULL`).
    pattern: String.raw`(?<![A-Za-z0-9_])(?:(?:CREATE|ALTER)[ \t]+(?:USER|ROLE|LOGIN)(?![A-Za-z0-9_])[^;]{0,300}?(?:(?<![A-Za-z0-9_])PASSWORD[ \t]*(?:=[ \t]*)?|IDENTIFIED(?:[ \t]+WITH[ \t]+[A-Za-z0-9_']{1,40})?[ \t]+BY[ \t]*)|SET[ \t]+PASSWORD[ \t]+FOR[^;=\n]{1,100}=[ \t]*(?:PASSWORD[ \t]*\([ \t]*)?)['"](?<secret>[^'"\r\n]{1,128})['"]`,
    flags: 'i',
    validate: isSqlPlaintextPassword,
    remedy: 'Change the database user\'s password and keep it out of migrations: pass it as a psql variable or set it from a secret at deploy time.',
    examples: {
      match: [
        "ALTER USER reporting WITH PASSWORD 'Xr7!kQ2mVz9pLw4tNb8c';",
        "CREATE USER MAPPING FOR app SERVER legacy OPTIONS (user 'legacy_ro', password 'h4Tz9qLm2Wx7Rk5Vn');",
        "CREATE USER 'shop'@'%' IDENTIFIED BY 'p8Vq#2LmZr5Tx9Kw';",
        "CREATE LOGIN etl WITH PASSWORD = 'Qz4$wT9mKr2xLp7V', CHECK_POLICY = ON;",
        "CREATE ROLE analyst LOGIN ENCRYPTED PASSWORD 'Nw5rT8kQz2Lm7Xv4';",
      ],
      noMatch: [
        "ALTER USER reporting WITH PASSWORD 'md5a3c9f1e27b4d8605f2e1c7a9b3d4e6f0';",
        "ALTER USER reporting WITH PASSWORD 'SCRAM-SHA-256$4096:c2FsdA==$c3RvcmVk:c2VydmVy';",
        "CREATE USER 'shop'@'%' IDENTIFIED BY 'password';",
        "cur.execute(\"ALTER USER %s WITH PASSWORD '%s'\" % (name, pw))",
        "ALTER USER 'shop'@'%' PASSWORD EXPIRE INTERVAL 90 DAY;",
        "CREATE USER test WITH PASSWORD 'test';",
      ],
    },
  },
  {
    id: 'jdbc-drivermanager-password',
    description: 'Password passed as a literal to JDBC DriverManager.getConnection(url, user, password)',
    severity: 'high',
    keywords: ['drivermanager'],
    pattern: `DriverManager[ \\t]{0,4}\\.[ \\t]{0,4}getConnection[ \\t]{0,4}\\([^,()\\n]{1,300},[ \\t]{0,4}"[^"\\n]{0,64}"[ \\t]{0,4},[ \\t]{0,4}"(?<secret>[^"\\\\\\r\\n]{1,128})"[ \\t]{0,4}\\)`,
    validate: (password: string): boolean => !isPlaceholderPassword(password) && !isWeakDefaultPassword(password),
    remedy: 'Change the database password and read it from configuration or a secret store instead of the source code.',
    examples: {
      match: ['Connection c = DriverManager.getConnection(URL, "billing", "1TmwCp9eCfPlvngAiF");'],
      noMatch: ['Connection c = DriverManager.getConnection(URL, "sa", "");', 'Connection c = DriverManager.getConnection(URL, user, System.getenv("DB_PASSWORD"));', 'DriverManager.getConnection("jdbc:h2:mem:test", "sa", "password")'],
    },
  },
];
