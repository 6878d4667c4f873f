from huggingface_hub import login

login(token="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")
REPLICATE_API_TOKEN = "r8_ba73aTn3BQvwNwa1OLQuLE2wkAQ5Hb6luefef"
GROQ_KEY = "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"
