CREATE SERVER legacy FOREIGN DATA WRAPPER postgres_fdw OPTIONS (host 'legacy.acme.internal', dbname 'legacy');
CREATE USER MAPPING FOR app SERVER legacy OPTIONS (user 'legacy_ro', password 'riEAETBvZB2x_n.');
ALTER USER reporting WITH PASSWORD '5!^+^BkB%EsZgj4';
