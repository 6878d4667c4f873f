#include <string>

static const std::string kAzureSas =
    "https://acmeassets.blob.core.windows.net/uploads?sv=2023-01-03&ss=b&srt=co&sp=rwc&se=2027-01-01T00:00:00Z&st=2024-01-01T00:00:00Z&spr=https&sig=%2BEeEGk6MF2ff1fGul0%2B3V4EVn2sIU7%2BTJlOWbNzJ3vA%3D";
