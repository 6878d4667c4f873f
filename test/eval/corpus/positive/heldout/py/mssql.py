import pyodbc

conn = pyodbc.connect("DRIVER={ODBC Driver 18 for SQL Server};SERVER=sql.example-corp.net;DATABASE=erp;UID=erp_app;PWD=86W^4zBi%fGLcqY")
