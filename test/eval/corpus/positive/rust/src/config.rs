pub struct Settings {
    pub database_url: &'static str,
    pub github_token: &'static str,
}

pub const SETTINGS: Settings = Settings {
    database_url: "postgres://rustapp:MeGnITCUq0y4a6pULy6@localhost.acme.io/rustapp",
    github_token: "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",
};
