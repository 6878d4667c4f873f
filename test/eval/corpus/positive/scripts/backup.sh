#!/bin/sh
export PGPASSWORD='@7mwZHwrI2Q%w.i'
pg_dump -h db.acme.internal -U backup orders | gzip > /backups/orders.sql.gz
mysqldump -u root -pJy9TZX3XQ3OCZqkC3 --all-databases > /backups/all.sql
