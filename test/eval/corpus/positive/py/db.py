import psycopg2
from sqlalchemy import create_engine

conn = psycopg2.connect(host="10.1.2.3", dbname="sales", user="report", password="NqkZjDY2PLtl!D^J^k")
engine = create_engine("mysql+pymysql://report:KJpPR5xYYxHOtQ9Z5YMe7@mysql.acme.internal/sales")
