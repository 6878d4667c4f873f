#ifndef CONFIG_H
#define CONFIG_H

#define API_HOST "api.example-corp.net"
#define API_KEY "2NgJp4tKXwr7JDCnTGkNoLSakd0OejSGzwqg5Lby"
#define MQTT_PASSWORD ".hH+!oj!LfQJ@r=9c"

#endif
