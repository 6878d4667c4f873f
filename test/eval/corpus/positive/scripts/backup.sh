#!/bin/sh
export PGPASSWORD='@2NTBhomF5oVd5ZhNbvq0tY'
pg_dump -h db.acme.internal -U backup orders | gzip > /backups/orders.sql.gz
mysqldump -u root -pRXPBtNLVZGc9o1mdZuIIpb8 --all-databases > /backups/all.sql
