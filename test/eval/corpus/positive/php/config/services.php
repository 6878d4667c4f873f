<?php

return [
    'postmark' => [
        'token' => 'a7c7a36b-3b15-4030-a529-7b69ed37d283',
    ],
    'ses' => [
        'key' => 'AKIAP64YOWKEPHEDT3DM',
        'secret' => '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',
        'region' => 'us-east-1',
    ],
    'paystack' => [
        'secret' => 'sk_live_ef3ea99e9cfcea05b2cd9a443d659880f94a4fcc',
    ],
];
