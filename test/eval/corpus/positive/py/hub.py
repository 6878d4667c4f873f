from huggingface_hub import login

login(token="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")
REPLICATE_API_TOKEN = "r8_yyFdlZTJzS4vcZnHw1FT0R52ULXafNhlv42TH"
GROQ_KEY = "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"
