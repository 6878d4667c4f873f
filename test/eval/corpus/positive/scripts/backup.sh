#!/bin/sh
export PGPASSWORD='0F4BhCV1%%wbOytxA'
pg_dump -h db.acme.internal -U backup orders | gzip > /backups/orders.sql.gz
mysqldump -u root -pYaxenYP3pKMewnDay1 --all-databases > /backups/all.sql
