<?php
define( 'DB_NAME', 'wordpress' );
define( 'DB_USER', 'wp_prod' );
define( 'DB_PASSWORD', 'JBhW3_w^rMn#9N' );
define( 'DB_HOST', 'mysql.acme.internal' );

define( 'AUTH_KEY',         '9l9vL28na~|l0VVWS]vC9iA7rn%qez{z]gu^vU=ZpVn@Z,kDp7_.n$8Sb-J*>/(~' );
define( 'SECURE_AUTH_KEY',  'V+ru145crY3=%jN.;e=sjrNb[.gb>?M1PPBYApDONbXD|#c[tP?5:BAwXZtDiJHG' );
$table_prefix = 'wp_';
