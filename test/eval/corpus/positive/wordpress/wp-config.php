<?php
define( 'DB_NAME', 'wordpress' );
define( 'DB_USER', 'wp_prod' );
define( 'DB_PASSWORD', 'Cb0Ll_v8s^OgvuDc+0zN4c' );
define( 'DB_HOST', 'mysql.acme.internal' );

define( 'AUTH_KEY',         's;1^Zm[NJk*ge[&QNrW-[C4-N10csjz/]bGS!P&|(jV%b!f&i8n4o=n%jXQa|d*&' );
define( 'SECURE_AUTH_KEY',  '{3;LB6$i0#xg=.NS3xL0$.i1-F!>.tD[g/>WiPwevDgDx7k<UlE[2e!n(:>N:k6W' );
$table_prefix = 'wp_';
