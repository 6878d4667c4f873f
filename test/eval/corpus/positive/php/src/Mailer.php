<?php

namespace Acme;

final class Mailer
{
    private const SENDGRID_KEY = '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';
    private string $dsn = 'mysql://mailer:D4d1MKma6dmrBTr07@127.0.0.1:3306/mail';
}
