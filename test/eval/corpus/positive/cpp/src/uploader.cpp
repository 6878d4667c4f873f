#include <string>

static const std::string kAzureSas =
    "https://acmeassets.blob.core.windows.net/uploads?sv=2023-01-03&ss=b&srt=co&sp=rwc&se=2027-01-01T00:00:00Z&st=2024-01-01T00:00:00Z&spr=https&sig=HcelC9WwUIYS5D32Jal%2F49kSbAH5d7Gn7MtyF%2F7ztJk%3D";
