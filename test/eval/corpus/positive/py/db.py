import psycopg2
from sqlalchemy import create_engine

conn = psycopg2.connect(host="10.1.2.3", dbname="sales", user="report", password="r63TAnhIhL+U#PCH^uRj")
engine = create_engine("mysql+pymysql://report:Zgj5HDXmxbVP4X1ea0@mysql.acme.internal/sales")
