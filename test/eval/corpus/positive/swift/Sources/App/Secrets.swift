import Foundation

enum Secrets {
    static let revenueCatKey = "sk_QiqyEScqVcyHBI6shZkX005lG0ykCqrT"
    static let openAIKey = "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"
    static let algoliaAdminKey = "5cd8114df65845648f7bf85f014ee563"
}
