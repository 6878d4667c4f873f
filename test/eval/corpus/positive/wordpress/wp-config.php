<?php
define( 'DB_NAME', 'wordpress' );
define( 'DB_USER', 'wp_prod' );
define( 'DB_PASSWORD', 'g!6=OifB68No5BXIRqSq' );
define( 'DB_HOST', 'mysql.acme.internal' );

define( 'AUTH_KEY',         'VYhQ#>~sAlP)EWT~g80r2Fo97/CR/#*?R9wKytum>&zLVjL^iYDH>PTx<xHfr*_W' );
define( 'SECURE_AUTH_KEY',  'DT=wJZGKcu$|=xT])}_vROH4sg#Tv9I@Y](kDU~|H0mmR*BaC%Y!{F}77W|%;PFO' );
$table_prefix = 'wp_';
