<?php

return [
    'postmark' => [
        'token' => '41884330-d45f-4438-a76a-4a28889cf5e3',
    ],
    'ses' => [
        'key' => 'AKIA6HLXKNTGBXBZNAUB',
        'secret' => '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',
        'region' => 'us-east-1',
    ],
    'paystack' => [
        'secret' => 'sk_live_4180c8004477f7bb94483bc73e9d2ddfd22145a7',
    ],
];
