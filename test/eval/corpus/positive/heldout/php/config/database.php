<?php

return [
    'connections' => [
        'pgsql' => [
            'driver' => 'pgsql',
            'host' => 'pg.example-corp.net',
            'database' => 'shop',
            'username' => 'shop',
            'password' => '4pEq!wMdncH7OsTox',
        ],
    ],
];
