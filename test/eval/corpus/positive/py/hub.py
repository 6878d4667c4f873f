from huggingface_hub import login

login(token="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")
REPLICATE_API_TOKEN = "r8_aWsoina9ywGHUOiv4jOJ0PilEC74yFyaMSL1F"
GROQ_KEY = "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"
