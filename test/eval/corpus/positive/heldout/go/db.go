package db

var cfg = mysql.Config{
	User:   "orders",
	Passwd: "+1Oj0@w-ERlSF%fNa",
	Net:    "tcp",
	Addr:   "mysql.example-corp.net:3306",
	DBName: "orders",
}
