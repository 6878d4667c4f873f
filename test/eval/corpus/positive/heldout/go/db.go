package db

var cfg = mysql.Config{
	User:   "orders",
	Passwd: "D.*gi6J#lYGQCVl^Zr",
	Net:    "tcp",
	Addr:   "mysql.example-corp.net:3306",
	DBName: "orders",
}
