<?php

return [
    'postmark' => [
        'token' => 'be4301e3-eb96-455f-a5d9-8472c96ed25d',
    ],
    'ses' => [
        'key' => 'AKIAODWOLYDLGGSW44OC',
        'secret' => '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',
        'region' => 'us-east-1',
    ],
    'paystack' => [
        'secret' => 'sk_live_3b9e5b81a7a58ecc977b2fd5687c317bd1a7682b',
    ],
];
