<?php

return [
    'postmark' => [
        'token' => 'd9d9bcdf-0128-405c-a8f3-9ee07a695f68',
    ],
    'ses' => [
        'key' => 'AKIAQZ24WSYTCN6SIQQW',
        'secret' => '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',
        'region' => 'us-east-1',
    ],
    'paystack' => [
        'secret' => 'sk_live_aca7a6f145594a679b14da8d7440f4e6ba1964b5',
    ],
];
