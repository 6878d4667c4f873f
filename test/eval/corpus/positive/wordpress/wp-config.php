<?php
define( 'DB_NAME', 'wordpress' );
define( 'DB_USER', 'wp_prod' );
define( 'DB_PASSWORD', 'MYhk5969gD74lO@^=' );
define( 'DB_HOST', 'mysql.acme.internal' );

define( 'AUTH_KEY',         'B2k85MHkFa{8P<$wzNKedJLRp+IKRq@a)7|r0Sty<C{Ye*H8dQ05_L3,=hreE>w!' );
define( 'SECURE_AUTH_KEY',  '5rfH9j%@Yi,tY/i_+MDEv.ZQ!gc;=O4%hroa|.8B]*+=6:-%&(:NKF8]bw9C8dN9' );
$table_prefix = 'wp_';
