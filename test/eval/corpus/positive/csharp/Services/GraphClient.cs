using Azure.Identity;
using Microsoft.Graph;

namespace Acme.Services;

public static class GraphClientFactory
{
    private const string TenantId = "736d7a4e-6c03-4461-ad89-f9d4ef9efc34";
    private const string ClientId = "cc8f12ab-1666-4660-a89b-28578a435a60";
    private const string ClientSecret = "8rC9Q~9jn6t6K~PWfrrwLsOcp.eE08-iheJpRpd3";

    public static GraphServiceClient Create() =>
        new(new ClientSecretCredential(TenantId, ClientId, ClientSecret));
}
