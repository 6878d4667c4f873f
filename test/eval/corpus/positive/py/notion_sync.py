import requests

NOTION_TOKEN = "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"
LINEAR_API_KEY = "lin_api_XQvFlQK7W6uQYRtDcALa1navlsVlsD86Cif4fy7f"
headers = {"Authorization": f"Bearer {NOTION_TOKEN}", "Notion-Version": "2022-06-28"}
