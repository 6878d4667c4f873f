CREATE SERVER legacy FOREIGN DATA WRAPPER postgres_fdw OPTIONS (host 'legacy.acme.internal', dbname 'legacy');
CREATE USER MAPPING FOR app SERVER legacy OPTIONS (user 'legacy_ro', password 'oD4oAgkolu-k.vuLi@o');
ALTER USER reporting WITH PASSWORD 'U9a4rlFe+sbSu=@MjxU=ebh';
