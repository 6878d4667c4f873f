<?php

namespace Acme;

final class Mailer
{
    private const SENDGRID_KEY = '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';
    private string $dsn = 'mysql://mailer:Pa1SBVBkELCLPZfQol2X6@127.0.0.1:3306/mail';
}
