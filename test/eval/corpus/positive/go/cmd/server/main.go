package main

import (
	"database/sql"
	"log"

	_ "github.com/lib/pq"
)

const dsn = "postgres://svc:HMvbNPPsIBUuVuTL7@pg.acme.internal:5432/svc?sslmode=require"

var githubToken = "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"

func main() {
	db, err := sql.Open("postgres", dsn)
	if err != nil {
		log.Fatal(err)
	}
	defer db.Close()
}
