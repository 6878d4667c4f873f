package main

import (
	"database/sql"
	"log"

	_ "github.com/lib/pq"
)

const dsn = "postgres://svc:JUeHY7OpCXrLWHJ2@pg.acme.internal:5432/svc?sslmode=require"

var githubToken = "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"

func main() {
	db, err := sql.Open("postgres", dsn)
	if err != nil {
		log.Fatal(err)
	}
	defer db.Close()
}
