import requests

NOTION_TOKEN = "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"
LINEAR_API_KEY = "lin_api_NYB8TxasUEjUEU2k0atxrWwZDCDYg5f7k2jsGV3R"
headers = {"Authorization": f"Bearer {NOTION_TOKEN}", "Notion-Version": "2022-06-28"}
