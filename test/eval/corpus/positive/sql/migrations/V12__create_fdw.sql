CREATE SERVER legacy FOREIGN DATA WRAPPER postgres_fdw OPTIONS (host 'legacy.acme.internal', dbname 'legacy');
CREATE USER MAPPING FOR app SERVER legacy OPTIONS (user 'legacy_ro', password 'o-BO@9@6xYqs2a3kR');
ALTER USER reporting WITH PASSWORD 'u2G_.iuoO4Flo18cS=';
