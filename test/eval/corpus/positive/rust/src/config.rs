pub struct Settings {
    pub database_url: &'static str,
    pub github_token: &'static str,
}

pub const SETTINGS: Settings = Settings {
    database_url: "postgres://rustapp:TAT05fIyxMiDxqX9dk6@localhost.acme.io/rustapp",
    github_token: "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",
};
