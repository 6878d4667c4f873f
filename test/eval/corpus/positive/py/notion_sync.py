import requests

NOTION_TOKEN = "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"
LINEAR_API_KEY = "lin_api_apiT2T8jKQF0WkUhmayCJG02dgfjb2gdROD8Iuhr"
headers = {"Authorization": f"Bearer {NOTION_TOKEN}", "Notion-Version": "2022-06-28"}
