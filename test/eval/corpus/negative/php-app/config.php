<?php
return [
    'db' => [
        'host' => getenv('DB_HOST') ?: 'localhost',
        'user' => getenv('DB_USER'),
        'password' => getenv('DB_PASSWORD'),
    ],
    'api_key' => $_ENV['API_KEY'] ?? null,
    'secret' => env('APP_SECRET'),
];
