import psycopg2
from sqlalchemy import create_engine

conn = psycopg2.connect(host="10.1.2.3", dbname="sales", user="report", password="Y5kL9RS=@Xu5xJe2fU#I6Iv")
engine = create_engine("mysql+pymysql://report:PUgMQwejYaJw4fds97e8@mysql.acme.internal/sales")
