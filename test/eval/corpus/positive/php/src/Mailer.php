<?php

namespace Acme;

final class Mailer
{
    private const SENDGRID_KEY = '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';
    private string $dsn = 'mysql://mailer:ZunvEG5gsJJ2FfAwJ4@127.0.0.1:3306/mail';
}
