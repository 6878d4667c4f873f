import Foundation

enum Secrets {
    static let revenueCatKey = "sk_p1k3C9oUKS7DxzLteQRSSJM9lni3T1Tf"
    static let openAIKey = "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"
    static let algoliaAdminKey = "5ca212766d6b1dc284473dbdf6bb0d16"
}
