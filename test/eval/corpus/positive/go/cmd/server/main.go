package main

import (
	"database/sql"
	"log"

	_ "github.com/lib/pq"
)

const dsn = "postgres://svc:VastGq3fSwoDpdG3J3@pg.acme.internal:5432/svc?sslmode=require"

var githubToken = "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"

func main() {
	db, err := sql.Open("postgres", dsn)
	if err != nil {
		log.Fatal(err)
	}
	defer db.Close()
}
