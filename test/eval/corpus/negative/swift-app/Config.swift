import Foundation

struct Config {
    static var apiKey: String {
        Bundle.main.object(forInfoDictionaryKey: "API_KEY") as? String ?? ""
    }
    static let keychainService = "io.acme.token"
    static let passwordMinLength = 12
}
