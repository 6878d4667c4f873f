import requests

NOTION_TOKEN = "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"
LINEAR_API_KEY = "lin_api_ZpjQK7auGARyg9Xg9f1iJdR3JhYTwmLBQsFIsoVr"
headers = {"Authorization": f"Bearer {NOTION_TOKEN}", "Notion-Version": "2022-06-28"}
