<?php

namespace Acme;

final class Mailer
{
    private const SENDGRID_KEY = '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';
    private string $dsn = 'mysql://mailer:P7iIQKpQg9qCPHoZ3@127.0.0.1:3306/mail';
}
