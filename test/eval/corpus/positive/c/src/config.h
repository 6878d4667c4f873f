#ifndef CONFIG_H
#define CONFIG_H

#define API_HOST "api.example-corp.net"
#define API_KEY "PBJC5YxgLpaTaMUkzVXLxvGUmWj9rJ6HOr06UfSv"
#define MQTT_PASSWORD "uuSISP3eM+^h+5Cj"

#endif
