use secrecy::{ExposeSecret, SecretString};
use std::env;

fn api_token() -> SecretString {
    let token = env::var("ACME_API_TOKEN").expect("set ACME_API_TOKEN");
    SecretString::new(token)
}

fn main() {
    let token = api_token();
    let password = rpassword::prompt_password("Password: ").unwrap();
    println!("token length {}", token.expose_secret().len());
    let _ = password;
}
