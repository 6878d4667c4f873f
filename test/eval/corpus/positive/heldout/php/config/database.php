<?php

return [
    'connections' => [
        'pgsql' => [
            'driver' => 'pgsql',
            'host' => 'pg.example-corp.net',
            'database' => 'shop',
            'username' => 'shop',
            'password' => 't!^VtkRL4el_8uYZPds!moQ',
        ],
    ],
];
