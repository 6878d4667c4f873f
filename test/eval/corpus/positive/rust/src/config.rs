pub struct Settings {
    pub database_url: &'static str,
    pub github_token: &'static str,
}

pub const SETTINGS: Settings = Settings {
    database_url: "postgres://rustapp:KTyrFa3LtGbMrwYI1@localhost.acme.io/rustapp",
    github_token: "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",
};
