import Foundation

enum Secrets {
    static let revenueCatKey = "sk_Dp97gohW4frZM08uuPxMU5kp5OdLWm9P"
    static let openAIKey = "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"
    static let algoliaAdminKey = "415677acf8f7589e4af5e7bef43649c6"
}
