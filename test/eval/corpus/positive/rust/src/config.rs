pub struct Settings {
    pub database_url: &'static str,
    pub github_token: &'static str,
}

pub const SETTINGS: Settings = Settings {
    database_url: "postgres://rustapp:CC1rjngXiTgb7IBZPZmH8@localhost.acme.io/rustapp",
    github_token: "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",
};
