from huggingface_hub import login

login(token="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")
REPLICATE_API_TOKEN = "r8_loSlHwj1TtzL51XtYRdEi0HRwKTwg6nhEU7Md"
GROQ_KEY = "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"
