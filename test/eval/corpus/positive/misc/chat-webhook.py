import requests

WEBHOOK = "https://chat.googleapis.com/v1/spaces/AAAAI49ACQv/messages?key=AIzaSy8sPxo2xdIPvdujfTC0ncKquUXjbxSjpeY&token=Zvfhsp-iWqbly2rQ1hzaXUojjBvLGvB1yvj1UH0zpY0%3D"
requests.post(WEBHOOK, json={"text": "build finished"})
