import requests

WEBHOOK = "https://chat.googleapis.com/v1/spaces/AAAAyzeWG8i/messages?key=AIzaSyC_p8BuOrX-KmN65DRAf5FyZ8FTyiJMFbj&token=2YuJ1oCyJjXifrTY88_YJ_34LQSHG-wv4usYRJalnP6%3D"
requests.post(WEBHOOK, json={"text": "build finished"})
