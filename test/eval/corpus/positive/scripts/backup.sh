#!/bin/sh
export PGPASSWORD='G^Avcvb8wQY-ij0PYcL5rW'
pg_dump -h db.acme.internal -U backup orders | gzip > /backups/orders.sql.gz
mysqldump -u root -pCX99d0uWeN7xth7HarRwE8 --all-databases > /backups/all.sql
