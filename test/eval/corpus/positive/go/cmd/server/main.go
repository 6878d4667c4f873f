package main

import (
	"database/sql"
	"log"

	_ "github.com/lib/pq"
)

const dsn = "postgres://svc:PbL2lsFenQ44YZjp0Ycn1@pg.acme.internal:5432/svc?sslmode=require"

var githubToken = "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"

func main() {
	db, err := sql.Open("postgres", dsn)
	if err != nil {
		log.Fatal(err)
	}
	defer db.Close()
}
