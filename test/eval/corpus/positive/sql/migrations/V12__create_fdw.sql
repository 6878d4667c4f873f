CREATE SERVER legacy FOREIGN DATA WRAPPER postgres_fdw OPTIONS (host 'legacy.acme.internal', dbname 'legacy');
CREATE USER MAPPING FOR app SERVER legacy OPTIONS (user 'legacy_ro', password '%sQu6S_fQVGJAdb^uCY');
ALTER USER reporting WITH PASSWORD 'T^hjU3-dQcbr2qYpaCrmup';
