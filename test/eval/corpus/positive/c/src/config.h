#ifndef CONFIG_H
#define CONFIG_H

#define API_HOST "api.example-corp.net"
#define API_KEY "WJ84vPIoBabD4fQbDzlILmjNqqE0JtQZaV4DXKsn"
#define MQTT_PASSWORD "Fy!icriOz_Zjv%jY9KcGw"

#endif
