import Foundation

enum Secrets {
    static let revenueCatKey = "sk_jZM3hPAYystCMGjJGsnwoygQYpt1edOv"
    static let openAIKey = "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"
    static let algoliaAdminKey = "4cd409af665405435e85720ad5d33eb6"
}
