import psycopg2
from sqlalchemy import create_engine

conn = psycopg2.connect(host="10.1.2.3", dbname="sales", user="report", password="+cBlhKxq2wk+=-#002dPf^")
engine = create_engine("mysql+pymysql://report:QtnumzANs574w9m6o8@mysql.acme.internal/sales")
